/**
 * `rbassist similar <track>`: the k tracks that sound most like it (cosine similarity of the
 * model's vectors), with the app's filters: a BPM range around the seed's tempo (half/double time
 * included) and harmonic compatibility on the Camelot wheel.
 * @module
 */
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { findModel, bundledManifest } from '../../src/core/embedding/manifest';
import { openSyncedIndex } from '../../src/core/index/indexSync';
import { DEFAULT_DIMS } from '../../src/core/index/vectorIndex';
import { toCamelot } from '../../src/core/music/keys';
import { bpmRangeAround, recommend, type RecommendFilters, type TrackFacts } from '../../src/core/recommend';
import { CliError, EXIT } from '../errors';
import { findTrack } from '../library/findTrack';
import { factsOf, libraryViews } from '../library/views';
import { DiskIndexStore } from '../state/diskIndexStore';
import { LibraryState } from '../state/libraryState';
import { findState } from '../state/stateDir';
import { VectorStore } from '../state/vectorStore';
import { line, type CommandIO } from './io';
import { errorMessage } from '../../src/core/errors';

export interface SimilarOptions {
  track: string;
  state?: string;
  k: number;
  /** Percent around the seed's BPM, e.g. 6 for ±6 %. */
  bpmPercent?: number;
  harmonic: boolean;
  model?: string;
  json: boolean;
}

interface FactsWithTrack extends TrackFacts {
  trackId: string;
  relativePath: string;
  title?: string;
}

export function parsePercent(text: string): number {
  const match = /^(?:±|\+-|\+\/-)?\s*(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  const value = match ? Number(match[1]) : NaN;
  if (!(value > 0 && value <= 50)) throw new CliError(`--bpm-range takes a percentage like ±6% (between 0 and 50), not "${text}".`, 2);
  return value;
}

const describe = (f: FactsWithTrack) => `${f.artist ? `${f.artist} – ` : ''}${f.title ?? f.relativePath}`;
const bpmText = (bpm?: number) => (bpm ? bpm.toFixed(1) : '–');

export async function similarCommand(options: SimilarOptions, io: CommandIO): Promise<number> {
  const location = findState(options.state);
  const modelId = options.model ?? DEFAULT_SETTINGS.modelId;
  try {
    findModel(bundledManifest, modelId);
  } catch (error) {
    throw new CliError(errorMessage(error), 2);
  }
  if (!VectorStore.exists(location.dir, modelId)) {
    throw new CliError(`No track has a ${modelId} vector yet. Run \`rbassist analyze ${location.musicFolder} --model ${modelId}\` first.`);
  }
  const state = new LibraryState(location.dir);
  const seed = findTrack(options.track, state, location.musicFolder);
  const vectors = new VectorStore(location.dir, modelId, DEFAULT_DIMS);
  try {
    const seedRow = vectors.rowsOf.get(seed.id)?.row;
    if (seedRow === undefined) {
      throw new CliError(
        `${seed.relativePath} has not been analysed with ${modelId} yet (or it failed). Run \`rbassist analyze ${location.musicFolder}\` first.`,
      );
    }
    const rows = new Map<string, number>();
    for (const record of vectors.rowsOf.values()) rows.set(record.trackId, record.row);
    const facts = new Map<number, FactsWithTrack>();
    for (const view of libraryViews(state, rows)) {
      if (view.vectorRow === undefined) continue;
      const { track } = view;
      facts.set(view.vectorRow, { ...factsOf(view, view.vectorRow), trackId: track.id, relativePath: track.relativePath, title: track.tags.title });
    }
    const seedFacts = facts.get(seedRow)!;

    const filters: RecommendFilters = {};
    if (options.bpmPercent !== undefined) {
      if (!seedFacts.bpm) throw new CliError(`${seed.relativePath} has no BPM (no steady tempo was found), so --bpm-range cannot be applied.`);
      filters.bpm = bpmRangeAround(seedFacts.bpm, options.bpmPercent);
    }
    if (options.harmonic) {
      if (!seedFacts.key) throw new CliError(`${seed.relativePath} has no key (no clear tonal content), so --harmonic cannot be applied.`);
      filters.harmonic = {};
    }

    const { index } = await openSyncedIndex({
      store: new DiskIndexStore(location.dir),
      modelId,
      dims: DEFAULT_DIMS,
      source: vectors.sourceFor([...facts.values()].map((f) => f.trackId)),
      save: false,
    });
    try {
      const results = recommend(index, (label) => facts.get(label), { seeds: [seedRow], k: options.k, filters });
      if (options.json) {
        const rowOf = (f: FactsWithTrack, extra: object = {}) => ({
          trackId: f.trackId,
          path: f.relativePath,
          artist: f.artist ?? null,
          title: f.title ?? null,
          bpm: f.bpm ?? null,
          key: f.key ? toCamelot(f.key) : null,
          energy: f.energy ?? null,
          ...extra,
        });
        line(
          io,
          JSON.stringify(
            {
              seed: rowOf(seedFacts),
              model: modelId,
              results: results.map((r) => rowOf(r.track, { score: Number(r.score.toFixed(4)), keyRelation: r.keyRelation ?? null })),
            },
            null,
            1,
          ),
        );
        return EXIT.ok;
      }
      line(
        io,
        `Similar to ${describe(seedFacts)} (${bpmText(seedFacts.bpm)} BPM, ${seedFacts.key ? toCamelot(seedFacts.key) : 'no key'}, energy ${seedFacts.energy ?? '–'}) — ${modelId}`,
      );
      if (results.length === 0) line(io, '  No track passes the filters.');
      results.forEach((r, i) => {
        const t = r.track;
        const cells = [
          String(i + 1).padStart(3),
          r.score.toFixed(3),
          bpmText(t.bpm).padStart(5),
          (t.key ? toCamelot(t.key) : '–').padStart(3),
          `E${t.energy ?? '–'}`.padStart(3),
          `${describe(t)}  (${t.relativePath})`,
        ];
        line(io, cells.join('  '));
      });
      return EXIT.ok;
    } finally {
      index.dispose();
    }
  } finally {
    vectors.close();
  }
}
