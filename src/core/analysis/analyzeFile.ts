/**
 * One track's analysis task, for every host (the browser's decode workers, the CLI's analysis
 * workers): decode once at 11 025 Hz, run the analysis pass on that PCM (no second decode), note
 * where rekordbox's timeline starts for the file, and — for an ONNX model — decode only the chosen
 * windows at the model's rate. The host supplies the decoder; a silent track comes back as a failure.
 * @module
 */
import { fail, ok, type Result } from '../errors';
import { analyzeTrack } from './analyzeTrack';
import { analysisFailure } from './outcome';
import { ANALYSIS_SAMPLE_RATE, type AnalyzeOutcome, type AnalyzeRequest } from './protocol';
import { defaultAnalyzerRegistry } from '../analyzers/defaultAnalyzers';
import type { DecodeRequest, DecodeResult } from '../decode/ffmpegDecode';
import { TIMELINE_HEAD_BYTES, TIMELINE_RESULT_ID, timelineResult } from '../interop/rekordbox/timeline';

export type DecodeFn = (file: File, request: DecodeRequest) => Promise<Result<DecodeResult>>;

export async function analyzeFile(decode: DecodeFn, file: File, request: AnalyzeRequest): Promise<AnalyzeOutcome> {
  const t0 = performance.now();
  const decoded = await decode(file, { sampleRate: ANALYSIS_SAMPLE_RATE });
  if (!decoded.ok) return decoded;
  const t1 = performance.now();
  const output = analyzeTrack({
    pcm: decoded.value.pcm!,
    sampleRate: ANALYSIS_SAMPLE_RATE,
    durationSec: decoded.value.durationSec,
    relativePath: request.relativePath,
    profile: request.profile,
    cachedWindows: request.cachedWindows,
    cachedAnalyses: request.cachedAnalyses,
    registry: defaultAnalyzerRegistry(request.analyzers),
    builtinEmbedding: request.builtinEmbedding,
    waveform: request.waveform,
  });
  const failure = analysisFailure(output);
  if (failure) return fail(failure);
  // Where rekordbox's time 0 is for this file (MP3 priming), from its first bytes: read here, where
  // the file is open anyway, so an export never has to open the music folder again.
  const head = new Uint8Array(await file.slice(0, TIMELINE_HEAD_BYTES).arrayBuffer());
  output.analyses.push(timelineResult(file.name, head));
  output.computed.push(TIMELINE_RESULT_ID);
  const t2 = performance.now();
  let modelWindows: Float32Array[] | undefined;
  if (request.modelSampleRate && output.windows.length > 0) {
    const windows = await decode(file, { sampleRate: request.modelSampleRate, windows: output.windows });
    if (!windows.ok) return windows;
    modelWindows = windows.value.windows;
  }
  return ok({ output, modelWindows, timings: { decodeMs: t1 - t0, analyzeMs: t2 - t1, windowDecodeMs: performance.now() - t2 } });
}
