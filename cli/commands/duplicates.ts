/**
 * `rbassist duplicates [--json]`: exact copies, the same recording in other files, and versions
 * (src/core/library/duplicates), with their evidence and the copy to keep. Only reads the library
 * state; nothing in the music folder is touched or deleted.
 * @module
 */
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DEFAULT_DIMS } from '../../src/core/index/vectorIndex';
import { duplicateCandidate } from '../../src/core/library/duplicates/candidates';
import { findDuplicates, type DuplicateGroup, type PairEvidence } from '../../src/core/library/duplicates/findDuplicates';
import { findTrack } from '../library/findTrack';
import { LibraryState } from '../state/libraryState';
import { findState } from '../state/stateDir';
import { VectorStore } from '../state/vectorStore';
import { line, type CommandIO } from './io';

export interface DuplicatesOptions {
  state?: string;
  json: boolean;
  /** Tracks to keep whatever the keeper rule says (paths, parts of paths or ids). */
  keep: string[];
}

const KIND_TITLE: Record<DuplicateGroup['kind'], string> = {
  exact: 'Exact copies',
  'same-recording': 'Same recording, other file',
  versions: 'Versions (related, not duplicates)',
};

function evidenceText(e: PairEvidence): string {
  if (e.kind === 'versions') return `mixes: ${e.mixes?.join(' / ')}${e.durationDeltaSec !== undefined ? `, durations ${e.durationDeltaSec} s apart` : ''}`;
  if (e.samePcm) return 'same decoded audio';
  const parts = [`fingerprint ${e.fingerprint?.toFixed(3)}`];
  if (e.cosine !== undefined) parts.push(`embedding cosine ${e.cosine.toFixed(3)}`);
  parts.push(`durations ${e.durationDeltaSec} s apart`, `tags ${e.tags.toFixed(2)}`);
  if (e.offsetSec) parts.push(`offset ${e.offsetSec} s`);
  return parts.join(', ');
}

export async function duplicatesCommand(options: DuplicatesOptions, io: CommandIO): Promise<number> {
  const location = findState(options.state);
  const state = new LibraryState(location.dir);
  const present = state.presentTracks().filter((t) => t.status !== 'error');
  const keepers = new Set(options.keep.map((query) => findTrack(query, state, location.musicFolder).id));
  const modelId = DEFAULT_SETTINGS.modelId;
  const vectors = VectorStore.exists(location.dir, modelId) ? new VectorStore(location.dir, modelId, DEFAULT_DIMS) : undefined;
  try {
    const candidates = present.map((track) => {
      const fingerprint = state.analyses.get(track.id)?.analyses.find((a) => a.analyzerId === 'fingerprint');
      const row = vectors?.rowsOf.get(track.id)?.row;
      return duplicateCandidate(track, fingerprint, row !== undefined && row < vectors!.rows ? vectors!.read([row]) : undefined);
    });
    const report = findDuplicates(candidates, { keepers });
    const pathOf = new Map(present.map((t) => [t.id, t.relativePath]));
    if (options.json) {
      io.out.write(
        `${JSON.stringify(
          {
            groups: report.groups.map((g) => ({
              kind: g.kind,
              keeper: g.keeper && pathOf.get(g.keeper),
              keeperReason: g.keeperReason,
              tracks: g.trackIds.map((id) => ({ id, path: pathOf.get(id) })),
              evidence: g.evidence.map((e) => ({ ...e, a: pathOf.get(e.a), b: pathOf.get(e.b) })),
            })),
            toRemove: report.toRemove.map((id) => pathOf.get(id)),
            withoutFingerprint: report.withoutFingerprint,
          },
          null,
          1,
        )}\n`,
      );
      return 0;
    }
    for (const kind of ['exact', 'same-recording', 'versions'] as const) {
      const groups = report.groups.filter((g) => g.kind === kind);
      if (!groups.length) continue;
      line(io, `${KIND_TITLE[kind]}: ${groups.length} group${groups.length === 1 ? '' : 's'}`);
      for (const group of groups) {
        if (group.keeper) line(io, `  keep    ${pathOf.get(group.keeper)} (${group.keeperReason})`);
        for (const id of group.trackIds.filter((id) => id !== group.keeper)) {
          const evidence = group.evidence.find((e) => e.a === id || e.b === id);
          line(io, `  ${group.keeper ? 'remove' : 'version'}  ${pathOf.get(id)}${evidence ? `  [${evidenceText(evidence)}]` : ''}`);
        }
        if (!group.keeper) line(io, `  version ${pathOf.get(group.trackIds[0])}`);
      }
    }
    line(io, `${report.toRemove.length} duplicate file${report.toRemove.length === 1 ? '' : 's'} could be removed (rbassist deletes nothing).`);
    if (report.withoutFingerprint)
      line(
        io,
        `${report.withoutFingerprint} track${report.withoutFingerprint === 1 ? ' has' : 's have'} no fingerprint yet: run \`rbassist analyze ${location.musicFolder}\` to check them too.`,
      );
    return 0;
  } finally {
    vectors?.close();
  }
}
