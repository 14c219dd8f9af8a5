/**
 * How a track's analysis request is built from its plan and the pipeline, for every host.
 * @module
 */
import type { TrackPlan } from './plan';
import type { Pipeline } from './pipeline';
import type { AnalyzeRequest } from './protocol';

/** A plan whose stored vector is current asks for no embedding (the host then stores no vector). */
export function analyzeRequest(
  relativePath: string,
  plan: Pick<TrackPlan, 'cachedWindows' | 'cachedAnalyses'> & Partial<Pick<TrackPlan, 'waveform' | 'vectorCurrent'>>,
  pipeline: Pipeline,
): AnalyzeRequest {
  const embed = !plan.vectorCurrent;
  return {
    relativePath,
    profile: pipeline.profile,
    cachedWindows: plan.cachedWindows,
    cachedAnalyses: plan.cachedAnalyses,
    analyzers: pipeline.analyzers,
    builtinEmbedding: embed && pipeline.embedding.builtin,
    ...(plan.waveform ? { waveform: true } : {}),
    modelSampleRate: embed && !pipeline.embedding.builtin ? pipeline.embedding.sampleRate : undefined,
  };
}
