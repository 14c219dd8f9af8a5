import { describe, expect, it } from 'vitest';
import { planCompaction, settleCompaction, type CompactedFile } from './vectorCompaction';

/** A vector file and its compacted twin, rows as numbers, in memory. */
class MemoryVectorFiles {
  main: number[] = [];
  compacted: number[] | null = null;

  /** Step 1: the live rows, in order, to the compacted file. */
  writeCompacted(keep: Uint32Array): void {
    this.compacted = Array.from(keep, (row) => this.main[row]);
  }

  get compactedFile(): CompactedFile {
    return {
      exists: async () => this.compacted !== null,
      discard: async () => {
        this.compacted = null;
      },
      adopt: async () => {
        this.main = this.compacted!;
        this.compacted = null;
      },
    };
  }
}

const rowsOf = (entries: [string, number][]) => new Map(entries);

describe('planCompaction', () => {
  it('compacts only when more than a quarter of the rows are retired', () => {
    expect(planCompaction(0, rowsOf([]))).toBeNull();
    expect(
      planCompaction(
        4,
        rowsOf([
          ['a', 0],
          ['b', 1],
          ['c', 3],
        ]),
      ),
    ).toBeNull(); // exactly a quarter
    expect(
      planCompaction(
        3,
        rowsOf([
          ['a', 0],
          ['b', 1],
          ['c', 2],
        ]),
      ),
    ).toBeNull();
    expect(
      planCompaction(
        5,
        rowsOf([
          ['a', 0],
          ['b', 4],
          ['c', 2],
        ]),
      ),
    ).not.toBeNull();
  });

  it('keeps the live rows in their old order and numbers them from 0', () => {
    const plan = planCompaction(
      6,
      rowsOf([
        ['late', 5],
        ['early', 1],
        ['middle', 3],
      ]),
    )!;
    expect(Array.from(plan.keep)).toEqual([1, 3, 5]);
    expect([...plan.newRowOf]).toEqual([
      ['early', 0],
      ['middle', 1],
      ['late', 2],
    ]);
    expect(plan.retired).toBe(3);
  });
});

describe('settleCompaction', () => {
  // Vector values 100 + old row, so every track can be checked against its own vector.
  const start = () => {
    const files = new MemoryVectorFiles();
    files.main = [100, 101, 102, 103, 104, 105];
    const records = rowsOf([
      ['a', 1],
      ['b', 4],
      ['c', 5],
    ]);
    return { files, records, plan: planCompaction(files.main.length, records)! };
  };
  const vectorsOf = (files: MemoryVectorFiles, records: Map<string, number>) => [...records].map(([id, row]) => [id, files.main[row]]);

  it('has nothing to do after a finished compaction or none', async () => {
    const { files } = start();
    expect(await settleCompaction(files.compactedFile, false)).toBe('nothing-to-settle');
    expect(files.main).toHaveLength(6);
  });

  it('discards the compacted file when the crash came before the records were renumbered', async () => {
    const { files, records, plan } = start();
    const before = vectorsOf(files, records);
    files.writeCompacted(plan.keep);
    // crash; the marker was never written
    expect(await settleCompaction(files.compactedFile, false)).toBe('discarded');
    expect(files.compacted).toBeNull();
    expect(vectorsOf(files, records)).toEqual(before);
  });

  it('adopts the compacted file when the records were already renumbered', async () => {
    const { files, records, plan } = start();
    const before = vectorsOf(files, records);
    files.writeCompacted(plan.keep);
    const renumbered = new Map(plan.newRowOf);
    // crash after step 2 (records and marker written), before the file was swapped in
    expect(await settleCompaction(files.compactedFile, true)).toBe('adopted');
    expect(files.main).toEqual([101, 104, 105]);
    expect(vectorsOf(files, renumbered)).toEqual(before);
  });
});
