/**
 * One track inside an analysis worker: open the file, run the pipeline's analysis task on it
 * (src/core/analysis/analyzeFile.ts: 11 025 Hz decode → analyzeTrack → 24 kHz windows for an ONNX
 * model), then embed with the ONNX model when there is one. Never throws: problems with the file
 * come back as reasons.
 * @module
 */
import type { Embedder } from '../../src/core/embedding/embedder';
import { analyzeFile } from '../../src/core/analysis/analyzeFile';
import { missingFileReason } from '../../src/core/analysis/outcome';
import { describeFsError } from '../errors';
import { openDiskFile } from '../library/folderSource';
import type { FFmpegFileDecoder } from './nodeDecode';
import type { TrackOutcome, TrackTask } from './protocol';
import { errorMessage, fail, ok } from '../../src/core/errors';

export async function analyzeTrackFile(decoder: FFmpegFileDecoder, embedder: Embedder | null, task: TrackTask): Promise<TrackOutcome> {
  let file: File;
  try {
    file = await openDiskFile(task.absolutePath, task.fileName);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? missingFileReason(task.relativePath) : `File cannot be read (${describeFsError(error)})`);
  }
  try {
    const outcome = await analyzeFile(decoder.decode, file, task.request);
    if (!outcome.ok) return outcome;
    const { output, modelWindows, timings } = outcome.value;
    let vector = output.builtinVector;
    let embedMs = 0;
    if (embedder && modelWindows?.length) {
      const started = performance.now();
      vector = await embedder.embed(modelWindows, task.request.modelSampleRate!);
      embedMs = performance.now() - started;
    }
    return ok({ output, vector, timings: { ...timings, embedMs } });
  } catch (error) {
    return fail(`Analysis failed: ${errorMessage(error)}`);
  } finally {
    decoder.release();
  }
}
