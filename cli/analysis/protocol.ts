/**
 * Messages between the CLI's main thread and its analysis workers (worker_threads).
 * @module
 */
import type { Result } from '../../src/core/errors';
import type { AnalyzeTrackOutput } from '../../src/core/analysis/analyzeTrack';
import type { AnalyzeRequest, AnalyzeTimings } from '../../src/core/analysis/protocol';
import type { OnnxModelFile } from './onnxModel';

/** How vectors are made: the built-in embedder inside the analysis pass, or an ONNX model per worker. */
export type EmbeddingSetup = { kind: 'builtin'; modelId: string } | { kind: 'onnx'; modelId: string; model: OnnxModelFile; sampleRate: number };

/** Handed to each worker as workerData. */
export interface WorkerInit {
  embedding: EmbeddingSetup;
}

export interface TrackTask {
  absolutePath: string;
  fileName: string;
  relativePath: string;
  request: AnalyzeRequest;
}

/** A track's analysis and (when a model runs) its vector, as a CLI worker sends it back. */
export interface AnalyzedTrackWithVector {
  output: AnalyzeTrackOutput;
  vector?: Float32Array;
  timings: AnalyzeTimings & { embedMs: number };
}

export type TrackOutcome = Result<AnalyzedTrackWithVector>;

export type WorkerRequest = { type: 'analyse'; id: number; task: TrackTask };

export type WorkerReply = { type: 'ready' } | { type: 'init-failed'; reason: string } | { type: 'done'; id: number; outcome: TrackOutcome };
