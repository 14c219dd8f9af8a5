/**
 * When a stored analyzer result still stands: the same analyzer id, version *and* options (as
 * Mixxx folds its settings into the analysis version). The runner skips an analyzer whose result
 * matches; the pipeline plan (src/core/analysis/plan.ts) re-queues a track whose results do not.
 * @module
 */
import { stableStringify } from '../sampling/cacheKey';
import type { Analyzer, AnalyzerFields, AnalyzerResult } from './types';

function cacheKey(id: string, version: number, options: AnalyzerFields | undefined): string {
  return options === undefined ? `${id}/v${version}` : `${id}/v${version}/${stableStringify(options)}`;
}

/** The key an analyzer's result is stored under: id, version and the options it runs with. */
export function analyzerCacheKey(analyzer: Pick<Analyzer, 'id' | 'version' | 'options'>): string {
  return cacheKey(analyzer.id, analyzer.version, analyzer.options);
}

/** The key a stored result was made under (results stored before options were recorded have none: they differ from an analyzer with options). */
export function resultCacheKey(result: Pick<AnalyzerResult, 'analyzerId' | 'version' | 'options'>): string {
  return cacheKey(result.analyzerId, result.version, result.options);
}

/** The stored result of `analyzer` that is still current, if any. */
export function currentResult<R extends Pick<AnalyzerResult, 'analyzerId' | 'version' | 'options'>>(
  results: readonly R[],
  analyzer: Pick<Analyzer, 'id' | 'version' | 'options'>,
): R | undefined {
  const key = analyzerCacheKey(analyzer);
  return results.find((r) => r.analyzerId === analyzer.id && resultCacheKey(r) === key);
}
