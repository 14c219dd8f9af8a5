/**
 * Feature-curve benchmark: computeCurves (log-mel → RMS, onset, novelty) on generated audio at
 * 11 025 Hz (default 10 minutes), against two references measured in the same run on the same
 * samples, since this machine is shared and noisy:
 *   - baseline: one plain pass over the samples (sum of squares): the cost of touching the PCM once;
 *   - stft floor: the fft.js power spectrogram alone, which computeCurves cannot go below.
 * Also times pickWindows (club_hifi_150s) on the resulting curves, and the detail waveform
 * (computeWaveform: 150 frames/s, peak + three band filters) that the same pass computes in the
 * browser, as a ratio to computeCurves. Reports medians of the repeats.
 *
 *   npm run bench:curves -- --minutes 10 --repeat 5
 * @module
 */
import { computeCurves } from '../../src/core/audio/curves';
import { defaultFraming } from '../../src/core/audio/framing';
import { forEachPowerFrame } from '../../src/core/audio/stft';
import { mulberry32 } from '../../src/core/hash';
import { pickWindows } from '../../src/core/sampling/pickWindows';
import { CLUB_HIFI_150S } from '../../src/core/sampling/profile';
import { seedFromPath } from '../../src/core/sampling/cacheKey';
import { computeWaveform } from '../../src/core/waveform/waveform';

const SAMPLE_RATE = 11025;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A deterministic dance-like track: kick + hats on a pad, a breakdown every 64 bars. */
function generateTrack(seconds: number): Float32Array {
  const pcm = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  const rand = mulberry32(0xc0ffee);
  const beat = 60 / 125;
  let lowpass = 0;
  for (let i = 0; i < pcm.length; i++) {
    const t = i / SAMPLE_RATE;
    const bar = Math.floor(t / (4 * beat));
    const breakdown = bar % 64 >= 56;
    const inBeat = t % beat;
    lowpass = 0.97 * lowpass + 0.03 * (rand() * 2 - 1);
    let v = 0.2 * lowpass + 0.05 * Math.sin(2 * Math.PI * 220 * t);
    if (!breakdown) {
      v += 0.6 * Math.exp(-inBeat * 30) * Math.sin(2 * Math.PI * (50 + 100 * Math.exp(-inBeat * 40)) * inBeat);
      const offbeat = (t + beat / 2) % beat;
      v += 0.1 * Math.exp(-offbeat * 200) * (rand() * 2 - 1);
    }
    pcm[i] = v;
  }
  return pcm;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const minutes = flag('minutes', 10);
const repeat = Math.floor(flag('repeat', 5));
const pcm = generateTrack(minutes * 60);
const framing = defaultFraming(SAMPLE_RATE);

const runs = { baseline: [] as number[], stft: [] as number[], curves: [] as number[], windows: [] as number[], waveform: [] as number[] };
let sink = 0;
let curves = computeCurves(pcm, SAMPLE_RATE); // warm-up (JIT), not counted
for (let r = 0; r < repeat; r++) {
  runs.baseline.push(
    time(() => {
      let s = 0;
      for (let i = 0; i < pcm.length; i++) s += pcm[i] * pcm[i];
      sink += s;
    }),
  );
  runs.stft.push(time(() => forEachPowerFrame(pcm, framing, (_k, p) => (sink += p[1]))));
  runs.curves.push(time(() => (curves = computeCurves(pcm, SAMPLE_RATE))));
  runs.windows.push(time(() => pickWindows(curves, curves.durationSec, CLUB_HIFI_150S, seedFromPath('bench/track.mp3'))));
  runs.waveform.push(time(() => (sink += computeWaveform(pcm, SAMPLE_RATE).data[0])));
}

const ms = {
  baseline: median(runs.baseline),
  stft: median(runs.stft),
  curves: median(runs.curves),
  windows: median(runs.windows),
  waveform: median(runs.waveform),
};
const audioSec = pcm.length / SAMPLE_RATE;
const selection = pickWindows(curves, curves.durationSec, CLUB_HIFI_150S, seedFromPath('bench/track.mp3'));
console.log(`computeCurves on ${minutes} min of audio at ${SAMPLE_RATE} Hz (${curves.rms.length} frames), median of ${repeat}:`);
console.log(`  baseline (one pass over the samples)  ${ms.baseline.toFixed(1)} ms`);
console.log(`  stft floor (fft.js power frames)      ${ms.stft.toFixed(1)} ms   = ${(ms.stft / ms.baseline).toFixed(1)} × baseline`);
console.log(
  `  computeCurves                         ${ms.curves.toFixed(1)} ms   = ${(ms.curves / ms.baseline).toFixed(1)} × baseline, ${(ms.curves / ms.stft).toFixed(2)} × stft floor`,
);
console.log(`  real-time factor                      ${(audioSec / (ms.curves / 1000)).toFixed(0)} × (seconds of audio per second)`);
console.log(
  `  pickWindows (club_hifi_150s)          ${ms.windows.toFixed(2)} ms → ${selection.windows.map((w) => `${w.kind} ${w.startSec.toFixed(1)}–${w.endSec.toFixed(1)} s`).join(', ')}`,
);
const waveformBytes = computeWaveform(pcm, SAMPLE_RATE).data.length;
console.log(
  `  computeWaveform (detail waveform)     ${ms.waveform.toFixed(1)} ms   = ${(ms.waveform / ms.curves).toFixed(2)} × computeCurves, ${waveformBytes} bytes (${(waveformBytes / audioSec).toFixed(0)} B/s)`,
);
console.log(
  JSON.stringify({
    bench: 'curves',
    minutes,
    sampleRate: SAMPLE_RATE,
    repeat,
    ms,
    curvesOverBaseline: ms.curves / ms.baseline,
    curvesOverStft: ms.curves / ms.stft,
    waveformOverCurves: ms.waveform / ms.curves,
    waveformBytes,
    realTimeFactor: audioSec / (ms.curves / 1000),
    check: sink > 0,
  }),
);
