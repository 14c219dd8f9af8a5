import { currentResult } from './cacheKey';
import type { AnalyzerRegistry } from './registry';
import type { Analyzer, AnalyzerFields, AnalyzerResult, SharedCurves } from './types';
import { errorMessage } from '../errors';

export interface RunOutcome {
  /** One result per registered analyzer, in registry order: reused from the cache or freshly computed. */
  results: AnalyzerResult[];
  /** Ids of the analyzers that actually ran (not found in the cache at their current version). */
  computed: string[];
}

/**
 * Run every analyzer of the registry whose current result (id, version, options) is not already in `cached`. A failing
 * analyzer becomes an error result with a reason; it never stops the others or the worker.
 */
export function runAnalyzers(
  pcm: Float32Array,
  sampleRate: number,
  curves: SharedCurves | undefined,
  cached: readonly AnalyzerResult[],
  registry: AnalyzerRegistry,
): RunOutcome {
  const results: AnalyzerResult[] = [];
  const computed: string[] = [];
  const earlier: Record<string, AnalyzerFields | undefined> = {};
  for (const analyzer of registry.list()) {
    const requires = analyzer.requires ?? [];
    const hit = currentResult(cached, analyzer);
    // A result made from results that were just recomputed is stale even at its own version.
    const stale = requires.some((id) => computed.includes(id));
    const result = hit && !stale ? hit : runOne(analyzer, pcm, sampleRate, curves, earlier);
    results.push(result);
    earlier[analyzer.id] = result.fields;
    if (result !== hit) computed.push(analyzer.id);
  }
  return { results, computed };
}

function runOne(
  analyzer: Analyzer,
  pcm: Float32Array,
  sampleRate: number,
  curves: SharedCurves | undefined,
  earlier: Record<string, AnalyzerFields | undefined>,
): AnalyzerResult {
  const base: Pick<AnalyzerResult, 'analyzerId' | 'version' | 'options'> = { analyzerId: analyzer.id, version: analyzer.version };
  if (analyzer.options !== undefined) base.options = analyzer.options;
  try {
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new Error(`sample rate must be a positive number, got ${sampleRate}`);
    const fields = analyzer.analyze(pcm, sampleRate, curves, { ...earlier });
    const problem = findNonJson(fields, '');
    if (problem) throw new Error(`result is not plain JSON (${problem})`);
    return { ...base, fields };
  } catch (err) {
    const message = errorMessage(err);
    return { ...base, error: `${analyzer.id} analysis failed: ${message}` };
  }
}

/** Path and reason of the first value that would not survive JSON / IndexedDB storage intact, if any. */
function findNonJson(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path || 'value'} is ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findNonJson(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const problem = findNonJson(child, path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  }
  return `${path || 'value'} is a ${typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value}`;
}
