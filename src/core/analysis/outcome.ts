/**
 * How a track's outcome is judged, for every host: the reasons a track fails, in the DJ's words.
 * @module
 */
import { fail, ok, type Result } from '../errors';
import { vectorProblem } from '../embedding/usableVector';
import type { AnalyzeTrackOutput } from './analyzeTrack';

export const SILENT_TRACK_REASON = 'The track is silent (never louder than -60 dBFS): nothing to analyse';
export const NO_WINDOWS_REASON = 'No audio windows to embed';
/** The file was there at scan time but is gone when its turn comes. */
export const missingFileReason = (relativePath: string) => `File is missing: ${relativePath}`;

/** Why the analysis pass gives nothing to store (a silent track), or undefined. */
export function analysisFailure(result: Pick<AnalyzeTrackOutput, 'silent'>): string | undefined {
  return result.silent ? SILENT_TRACK_REASON : undefined;
}

export type JudgedVector = Result<Float32Array>;

/** A vector may be stored only when it is usable (src/core/embedding/usableVector.ts). */
export function judgeVector(vector: Float32Array | undefined, dims?: number): JudgedVector {
  if (!vector) return fail(NO_WINDOWS_REASON);
  const problem = vectorProblem(vector, dims);
  return problem ? fail(`The embedder made an unusable vector: ${problem}`) : ok(vector);
}
