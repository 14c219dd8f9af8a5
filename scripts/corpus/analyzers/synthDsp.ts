/**
 * Small DSP building blocks for the corpus synthesiser: a biquad filter (RBJ cookbook), band-limited
 * oscillators (PolyBLEP) and envelopes. Everything is deterministic; noise comes from a seeded PRNG.
 * @module
 */
export function midiToHz(midi: number, tuningCents = 0): number {
  return 440 * Math.pow(2, (midi - 69 + tuningCents / 100) / 12);
}

export type BiquadKind = 'lowpass' | 'highpass' | 'bandpass';

/** Direct-form-I biquad; coefficients can be changed between samples (for filter sweeps). */
export class Biquad {
  private b0 = 1;
  private b1 = 0;
  private b2 = 0;
  private a1 = 0;
  private a2 = 0;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(
    private readonly kind: BiquadKind,
    private readonly sampleRate: number,
    cutoffHz: number,
    q = Math.SQRT1_2,
  ) {
    this.set(cutoffHz, q);
  }

  set(cutoffHz: number, q = Math.SQRT1_2): void {
    const f = Math.min(Math.max(cutoffHz, 10), this.sampleRate * 0.45);
    const w0 = (2 * Math.PI * f) / this.sampleRate;
    const cos = Math.cos(w0);
    const alpha = Math.sin(w0) / (2 * q);
    const a0 = 1 + alpha;
    let b0: number;
    let b1: number;
    let b2: number;
    if (this.kind === 'lowpass') {
      b0 = (1 - cos) / 2;
      b1 = 1 - cos;
      b2 = (1 - cos) / 2;
    } else if (this.kind === 'highpass') {
      b0 = (1 + cos) / 2;
      b1 = -(1 + cos);
      b2 = (1 + cos) / 2;
    } else {
      b0 = alpha;
      b1 = 0;
      b2 = -alpha;
    }
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b2 / a0;
    this.a1 = (-2 * cos) / a0;
    this.a2 = (1 - alpha) / a0;
  }

  process(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** PolyBLEP correction that removes most aliasing from a naive saw/pulse discontinuity. */
function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

/** Band-limited sawtooth oscillator; `pulseWidth` in (0,1) turns it into a pulse wave instead. */
export class Oscillator {
  private phase: number;
  constructor(
    private readonly sampleRate: number,
    private readonly shape: 'saw' | 'pulse',
    startPhase = 0,
    private readonly pulseWidth = 0.5,
  ) {
    this.phase = startPhase % 1;
  }

  next(freq: number): number {
    const dt = freq / this.sampleRate;
    const t = this.phase;
    let value: number;
    if (this.shape === 'saw') {
      value = 2 * t - 1 - polyBlep(t, dt);
    } else {
      value = (t < this.pulseWidth ? 1 : -1) + polyBlep(t, dt) - polyBlep((t - this.pulseWidth + 1) % 1, dt);
    }
    this.phase += dt;
    if (this.phase >= 1) this.phase -= 1;
    return value;
  }
}

/** Linear-attack, exponential-decay/release envelope value at time t (seconds) for a note of length `hold`. */
export function adsr(t: number, hold: number, attack: number, decay: number, sustain: number, release: number): number {
  if (t < 0) return 0;
  let level: number;
  if (t < attack) level = t / attack;
  else level = sustain + (1 - sustain) * Math.exp(-(t - attack) / Math.max(decay, 1e-4));
  if (t > hold) {
    const atRelease = t - hold;
    const heldLevel = hold < attack ? hold / attack : sustain + (1 - sustain) * Math.exp(-(hold - attack) / Math.max(decay, 1e-4));
    level = Math.min(level, heldLevel) * Math.exp(-atRelease / Math.max(release, 1e-4));
  }
  return level;
}

/** Add `src` into `dst` at sample `offset`, scaled by `gain`, clipping at the buffer ends. */
export function mixInto(dst: Float32Array, src: Float32Array, offset: number, gain: number): void {
  const start = Math.max(0, offset);
  const end = Math.min(dst.length, offset + src.length);
  for (let i = start; i < end; i++) dst[i] += src[i - offset] * gain;
}

/** Gaussian-ish noise in [-1, 1] from a uniform PRNG (sum of two uniforms: cheap, triangular). */
export function noiseSample(rand: () => number): number {
  return rand() + rand() - 1;
}
