import { describe, expect, it } from 'vitest';
import { defaultAnalyzerRegistry } from './defaultAnalyzers';
import { AnalyzerRegistry } from './registry';
import { runAnalyzers } from './runner';
import type { Analyzer, AnalyzerResult } from './types';

function counting(id: string, version: number, value: number): Analyzer & { calls: number } {
  const analyzer = {
    id,
    version,
    calls: 0,
    analyze(pcm: Float32Array) {
      analyzer.calls++;
      return { value, samples: pcm.length };
    },
  };
  return analyzer;
}

const pcm = new Float32Array(100);

describe('runAnalyzers', () => {
  it('runs everything on an empty cache and returns JSON results in registry order', () => {
    const a = counting('alpha', 1, 1);
    const b = counting('beta', 1, 2);
    const out = runAnalyzers(pcm, 11025, undefined, [], new AnalyzerRegistry([a, b]));
    expect(out.computed).toEqual(['alpha', 'beta']);
    expect(out.results.map((r) => r.fields)).toEqual([
      { value: 1, samples: 100 },
      { value: 2, samples: 100 },
    ]);
    expect(JSON.parse(JSON.stringify(out.results))).toEqual(out.results);
  });

  it('hands each analyzer the results of those before it, computed or cached', () => {
    const seen: unknown[] = [];
    const reader: Analyzer = {
      id: 'reader',
      version: 1,
      analyze: (_pcm, _rate, _curves, earlier) => {
        seen.push(earlier);
        return { ok: true };
      },
    };
    const registry = new AnalyzerRegistry([counting('alpha', 1, 1), counting('beta', 1, 2), reader]);
    runAnalyzers(pcm, 11025, undefined, [{ analyzerId: 'alpha', version: 1, fields: { value: 7 } }], registry);
    expect(seen).toEqual([{ alpha: { value: 7 }, beta: { value: 2, samples: 100 } }]);
  });

  it('re-runs an analyzer whose options changed, and records the options with its result', () => {
    const withRange = (minBpm: number) => Object.assign(counting('alpha', 1, minBpm), { options: { minBpm } });
    const first = runAnalyzers(pcm, 11025, undefined, [], new AnalyzerRegistry([withRange(70)]));
    expect(first.results[0]).toMatchObject({ analyzerId: 'alpha', version: 1, options: { minBpm: 70 } });
    expect(runAnalyzers(pcm, 11025, undefined, first.results, new AnalyzerRegistry([withRange(70)])).computed).toEqual([]);
    const changed = runAnalyzers(pcm, 11025, undefined, first.results, new AnalyzerRegistry([withRange(60)]));
    expect(changed.computed).toEqual(['alpha']);
    expect(changed.results[0]).toMatchObject({ options: { minBpm: 60 }, fields: { value: 60 } });
    // A result stored before options were recorded is stale for an analyzer that has options.
    const { options: _none, ...legacy } = first.results[0];
    expect(runAnalyzers(pcm, 11025, undefined, [legacy], new AnalyzerRegistry([withRange(70)])).computed).toEqual(['alpha']);
  });

  it('the default BPM analyzer keys its results by the resolved BPM range', () => {
    expect(defaultAnalyzerRegistry().get('bpm')!.options).toEqual({ minBpm: 70, maxBpm: 180 });
    expect(defaultAnalyzerRegistry({ bpm: { minBpm: 70, maxBpm: 180 } }).get('bpm')!.options).toEqual({ minBpm: 70, maxBpm: 180 });
    expect(defaultAnalyzerRegistry({ bpm: { maxBpm: 160 } }).get('bpm')!.options).toEqual({ minBpm: 70, maxBpm: 160 });
  });

  it('re-runs only the analyzer whose version was bumped', () => {
    const cached: AnalyzerResult[] = [
      { analyzerId: 'alpha', version: 1, fields: { value: 1 } },
      { analyzerId: 'beta', version: 1, fields: { value: 2 } },
    ];
    const a = counting('alpha', 1, 10);
    const b = counting('beta', 2, 20);
    const out = runAnalyzers(pcm, 11025, undefined, cached, new AnalyzerRegistry([a, b]));
    expect(out.computed).toEqual(['beta']);
    expect(a.calls).toBe(0);
    expect(b.calls).toBe(1);
    expect(out.results[0]).toBe(cached[0]);
    expect(out.results[1]).toEqual({ analyzerId: 'beta', version: 2, fields: { value: 20, samples: 100 } });
  });

  it('turns a throwing analyzer into an error result without stopping the others', () => {
    const broken: Analyzer = {
      id: 'broken',
      version: 1,
      analyze: () => {
        throw new Error('boom');
      },
    };
    const ok = counting('ok', 1, 3);
    const out = runAnalyzers(pcm, 11025, undefined, [], new AnalyzerRegistry([broken, ok]));
    expect(out.results[0]).toEqual({ analyzerId: 'broken', version: 1, error: 'broken analysis failed: boom' });
    expect(out.results[1].fields).toEqual({ value: 3, samples: 100 });
  });

  it('rejects results that would not store as plain JSON (NaN, typed arrays)', () => {
    const nan: Analyzer = { id: 'nan', version: 1, analyze: () => ({ bpm: Number.NaN }) };
    const typed: Analyzer = { id: 'typed', version: 1, analyze: () => ({ curve: new Float32Array(2) as unknown as number[] }) };
    const out = runAnalyzers(pcm, 11025, undefined, [], new AnalyzerRegistry([nan, typed]));
    expect(out.results[0].error).toMatch(/bpm is NaN/);
    expect(out.results[1].error).toMatch(/curve is a Float32Array/);
  });

  it('hands an analyzer the fields it requires, and re-runs it when they were recomputed', () => {
    const reader = (version: number) => {
      const analyzer = {
        id: 'reader',
        version,
        requires: ['alpha'],
        calls: 0,
        analyze(_pcm: Float32Array, _sr: number, _curves?: unknown, inputs?: Record<string, { [key: string]: unknown } | undefined>) {
          analyzer.calls++;
          return { seen: (inputs?.alpha?.value as number | undefined) ?? null };
        },
      };
      return analyzer;
    };
    const first = runAnalyzers(pcm, 11025, undefined, [], new AnalyzerRegistry([counting('alpha', 1, 7), reader(1)]));
    expect(first.results[1].fields).toEqual({ seen: 7 });
    const again = reader(1);
    expect(runAnalyzers(pcm, 11025, undefined, first.results, new AnalyzerRegistry([counting('alpha', 1, 7), again])).computed).toEqual([]);
    // alpha's new version is recomputed: the reader's stored result was made from the old one.
    const bumped = runAnalyzers(pcm, 11025, undefined, first.results, new AnalyzerRegistry([counting('alpha', 2, 9), again]));
    expect(bumped.computed).toEqual(['alpha', 'reader']);
    expect(bumped.results[1].fields).toEqual({ seen: 9 });
    expect(() => new AnalyzerRegistry([reader(1), counting('alpha', 1, 1)])).toThrow(/registered before/);
  });

  it('reports a bad sample rate as an error result', () => {
    const out = runAnalyzers(pcm, 0, undefined, [], new AnalyzerRegistry([counting('alpha', 1, 1)]));
    expect(out.results[0].error).toMatch(/sample rate/);
  });
});

describe('AnalyzerRegistry', () => {
  it('refuses duplicate ids, bad ids and bad versions', () => {
    expect(() => new AnalyzerRegistry([counting('a', 1, 1), counting('a', 2, 1)])).toThrow(/registered twice/);
    expect(() => new AnalyzerRegistry([counting('Bad Id', 1, 1)])).toThrow(/lower-case/);
    expect(() => new AnalyzerRegistry([counting('a', 0, 1)])).toThrow(/positive integer version/);
  });

  it('holds bpm, key, energy, structure and fingerprint by default', () => {
    expect(
      defaultAnalyzerRegistry()
        .list()
        .map((a) => a.id),
    ).toEqual(['bpm', 'key', 'energy', 'structure', 'fingerprint']);
  });
});
