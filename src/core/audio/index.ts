/**
 * Public surface of the audio DSP module (pure: runs in Node, workers and the page).
 * @module
 */
export { hannWindow, magnitudeSpectrogram, forEachMagnitudeFrame, forEachPowerFrame, stftFrameCount, binFrequency } from './stft';
export type { Spectrogram, FramingOptions } from './stft';
export { defaultFraming } from './framing';
export { hzToMel, melToHz, melFilterbank, logMelSpectrogram, melFrame } from './mel';
export type { MelFilterbank, MelOptions, LogMelSpectrogram, LogMelOptions } from './mel';
export { dctMatrix, dct, mfccFromLogMel } from './mfcc';
export type { Mfcc } from './mfcc';
export { rmsCurve } from './rms';
export { onsetStrength } from './onset';
export type { OnsetOptions } from './onset';
export { noveltyCurve } from './novelty';
export type { FeatureFrames, NoveltyOptions } from './novelty';
export { pickPeaks, peakOptionsInSeconds } from './peaks';
export type { PeakOptions } from './peaks';
export { movingAverage, percentile, amplitudeToDb } from './curveOps';
export { computeCurves, curvesFromLogMel } from './curves';
export type { Curves, CurveOptions } from './curves';
