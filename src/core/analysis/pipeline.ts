/**
 * Everything that decides what the pipeline computes for a track, for every host (the app's
 * ingest, the CLI's analyze): the sampling profile, the analyzers with their options, and the
 * embedder with its version. Each stored result carries the part of this that made it; a result
 * made under other settings is stale (src/core/analysis/plan.ts).
 * @module
 */
import { defaultAnalyzerRegistry, type AnalyzerSettings } from '../analyzers/defaultAnalyzers';
import type { AnalyzerRegistry } from '../analyzers/registry';
import { embedderVersion } from '../embedding/embedderVersion';
import { bundledManifest, type ModelEntry } from '../embedding/manifest';
import { windowsCacheKey, type SamplingProfile } from '../sampling';

/** The embedder vectors are made with. */
export interface EmbeddingChoice {
  modelId: string;
  /** The built-in embedder runs inside the analysis pass; an ONNX model runs on windows decoded at `sampleRate`. */
  builtin: boolean;
  sampleRate: number;
  /** Changes whenever the vectors would (src/core/embedding/embedderVersion.ts). */
  version: string;
}

export interface PipelineSettings {
  profile: SamplingProfile;
  analyzers: AnalyzerSettings;
  embedding: EmbeddingChoice;
  /**
   * Compute the detail waveform (src/core/waveform) in the pass and count a missing or older one as
   * out of date. The browser draws it; the CLI has no use for it and leaves it off.
   */
  waveform?: boolean;
}

export interface Pipeline extends PipelineSettings {
  windowsCacheKey: string;
  registry: AnalyzerRegistry;
}

export function embeddingChoice(entry: ModelEntry, sampleRate: number = bundledManifest.inputContract.sampleRate): EmbeddingChoice {
  return { modelId: entry.id, builtin: entry.kind === 'builtin', sampleRate, version: embedderVersion(entry) };
}

export function pipelineFor(settings: PipelineSettings): Pipeline {
  return { ...settings, windowsCacheKey: windowsCacheKey(settings.profile), registry: defaultAnalyzerRegistry(settings.analyzers) };
}
