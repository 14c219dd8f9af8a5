/**
 * @module Compaction of a model's append-only vector file: once enough rows belong to no track
 * (re-embedded or removed tracks), the file is rewritten with the live rows only. Crash-safe in
 * three steps, each of which may be the last before a crash:
 * 1. the live rows are written, in `planCompaction`'s order, to a separate compacted file;
 * 2. the caller renumbers its row records (row i ← `keep[i]`) together with a marker;
 * 3. the compacted file replaces the vector file and the marker goes.
 * At the next open `settleCompaction` finishes or undoes a compaction cut short, by that marker.
 */

/** Compact once more than this share of the file's rows are retired. */
export const COMPACT_ABOVE_RETIRED_SHARE = 0.25;

export interface CompactionPlan {
  /** The rows to keep, in the compacted file's order: new row i holds old row `keep[i]`. */
  keep: Uint32Array;
  /** Each track's row in the compacted file. */
  newRowOf: Map<string, number>;
  retired: number;
}

/** What compacting a file of `totalRows` rows, of which the tracks of `rowOf` are live, would do; null when not worth it. */
export function planCompaction(totalRows: number, rowOf: ReadonlyMap<string, number>): CompactionPlan | null {
  const retired = totalRows - rowOf.size;
  if (retired <= 0 || retired <= totalRows * COMPACT_ABOVE_RETIRED_SHARE) return null;
  // Old order kept: the compacted file reads front to back like the original.
  const byRow = [...rowOf].sort((a, b) => a[1] - b[1]);
  return { keep: Uint32Array.from(byRow, ([, row]) => row), newRowOf: new Map(byRow.map(([trackId], row) => [trackId, row])), retired };
}

/** The compacted file beside a vector file (OPFS in the browser; memory in tests). */
export interface CompactedFile {
  exists(): Promise<boolean>;
  discard(): Promise<void>;
  /** Replace the vector file with it. */
  adopt(): Promise<void>;
}

export type Settled = 'nothing-to-settle' | 'adopted' | 'discarded';

/**
 * At open, before the vector file is read: a compacted file left by a compaction cut short is
 * adopted when the row records were already renumbered (the marker of step 2 is there), and
 * discarded otherwise. Either way, file and records agree again.
 */
export async function settleCompaction(compacted: CompactedFile, recordsRenumbered: boolean): Promise<Settled> {
  if (!(await compacted.exists())) return 'nothing-to-settle';
  if (recordsRenumbered) {
    await compacted.adopt();
    return 'adopted';
  }
  await compacted.discard();
  return 'discarded';
}
