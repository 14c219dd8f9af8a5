/**
 * How a track's analysis request is built from its plan and the pipeline, for every host.
 * @module
 */
import type { TrackPlan } from './plan';
import type { Pipeline } from './pipeline';
import type { AnalyzeRequest } from './protocol';

export function analyzeRequest(
  relativePath: string,
  plan: Pick<TrackPlan, 'cachedWindows' | 'cachedAnalyses'> & Partial<Pick<TrackPlan, 'waveform'>>,
  pipeline: Pipeline,
): AnalyzeRequest {
  return {
    relativePath,
    profile: pipeline.profile,
    cachedWindows: plan.cachedWindows,
    cachedAnalyses: plan.cachedAnalyses,
    analyzers: pipeline.analyzers,
    builtinEmbedding: pipeline.embedding.builtin,
    ...(plan.waveform ? { waveform: true } : {}),
    modelSampleRate: pipeline.embedding.builtin ? undefined : pipeline.embedding.sampleRate,
  };
}
