/**
 * An analysis worker thread: its own ffmpeg.wasm core (and ONNX session when the model is one),
 * then one track at a time as the main thread sends them. Started through worker.mjs (tsx).
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from '../../src/core/embedding/embedder';
import { analyzeTrackFile } from './analyzeTrackFile';
import { FFmpegFileDecoder } from './nodeDecode';
import { openOnnxEmbedder } from './onnxModel';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol';
import { errorMessage, fail } from '../../src/core/errors';

const port = parentPort!;
const init = workerData as WorkerInit;
const post = (reply: WorkerReply) => port.postMessage(reply);

const decoder = new FFmpegFileDecoder();
let embedder: Embedder | null = null;
try {
  await decoder.warmUp();
  if (init.embedding.kind === 'onnx') embedder = await openOnnxEmbedder(init.embedding.model);
  post({ type: 'ready' });
  port.on('message', (message: WorkerRequest) => {
    // analyzeTrackFile words its own failures; anything else still answers, so the pool never waits for a timeout.
    void analyzeTrackFile(decoder, embedder, message.task)
      .catch((error: unknown) => fail(`Analysis failed: ${errorMessage(error)}`))
      .then((outcome) => post({ type: 'done', id: message.id, outcome }));
  });
} catch (error) {
  post({ type: 'init-failed', reason: errorMessage(error) });
}
