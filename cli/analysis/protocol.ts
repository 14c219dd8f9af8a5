/**
 * Messages between the CLI's main thread and its analysis workers (worker_threads).
 * @module
 */
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

export type TrackOutcome =
  { ok: true; result: AnalyzeTrackOutput; vector?: Float32Array; timings: AnalyzeTimings & { embedMs: number } } | { ok: false; reason: string };

export type WorkerRequest = { type: 'analyse'; id: number; task: TrackTask };

export type WorkerReply = { type: 'ready' } | { type: 'init-failed'; reason: string } | { type: 'done'; id: number; outcome: TrackOutcome };
