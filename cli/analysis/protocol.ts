/**
 * Messages between the CLI's main thread and its analysis workers (worker_threads).
 * @module
 */
import type { AnalyseTrackOutput } from '../../src/core/analysis/analyseTrack';
import type { AnalyseRequest, AnalyseTimings } from '../../src/core/analysis/protocol';
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
  request: AnalyseRequest;
}

export type TrackOutcome =
  | { ok: true; result: AnalyseTrackOutput; vector?: Float32Array; timings: AnalyseTimings & { embedMs: number } }
  | { ok: false; reason: string };

export type WorkerRequest = { type: 'analyse'; id: number; task: TrackTask };

export type WorkerReply = { type: 'ready' } | { type: 'init-failed'; reason: string } | { type: 'done'; id: number; outcome: TrackOutcome };
