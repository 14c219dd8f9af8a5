/**
 * Integrated loudness in the manner of ITU-R BS.1770 (LUFS-like): K-weighting (a +4 dB high shelf
 * near 1.7 kHz and a 38 Hz high-pass, designed for the actual sample rate), 400 ms blocks with 75 %
 * overlap, an absolute gate at −70 and a relative gate 10 LU below the ungated mean.
 * Mono, and at the analysis sample rate, so it is "LUFS-ish", not a certified meter.
 * @module
 */
class Biquad {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  constructor(
    private readonly b: [number, number, number],
    private readonly a: [number, number],
  ) {}
  process(x: number): number {
    const y = this.b[0] * x + this.b[1] * this.x1 + this.b[2] * this.x2 - this.a[0] * this.y1 - this.a[1] * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** RBJ cookbook high shelf. */
function highShelf(sampleRate: number, freq: number, gainDb: number, q: number): Biquad {
  const A = Math.pow(10, gainDb / 40);
  const w0 = (2 * Math.PI * Math.min(freq, sampleRate * 0.45)) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const sq = 2 * Math.sqrt(A) * alpha;
  const a0 = A + 1 - (A - 1) * cos + sq;
  return new Biquad(
    [(A * (A + 1 + (A - 1) * cos + sq)) / a0, (-2 * A * (A - 1 + (A + 1) * cos)) / a0, (A * (A + 1 + (A - 1) * cos - sq)) / a0],
    [(2 * (A - 1 - (A + 1) * cos)) / a0, (A + 1 - (A - 1) * cos - sq) / a0],
  );
}

/** RBJ cookbook high-pass. */
function highPass(sampleRate: number, freq: number, q: number): Biquad {
  const w0 = (2 * Math.PI * freq) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  return new Biquad([(1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0], [(-2 * cos) / a0, (1 - alpha) / a0]);
}

/** Integrated loudness in LUFS; −70 (the absolute gate) for silence or audio shorter than one block. */
export function integratedLoudness(pcm: Float32Array, sampleRate: number): number {
  const shelf = highShelf(sampleRate, 1681, 4, 0.71);
  const hp = highPass(sampleRate, 38, 0.5);
  const block = Math.round(0.4 * sampleRate);
  const step = Math.round(0.1 * sampleRate);
  if (pcm.length < block) return -70;
  // Mean square per 100 ms step, then 400 ms blocks as sums of four steps.
  const steps = Math.floor(pcm.length / step);
  const stepPower = new Float64Array(steps);
  for (let s = 0; s < steps; s++) {
    let acc = 0;
    for (let i = s * step; i < (s + 1) * step; i++) {
      const y = hp.process(shelf.process(pcm[i]));
      acc += y * y;
    }
    stepPower[s] = acc / step;
  }
  const blocks: number[] = [];
  for (let s = 0; s + 4 <= steps; s++) blocks.push((stepPower[s] + stepPower[s + 1] + stepPower[s + 2] + stepPower[s + 3]) / 4);
  const lufs = (power: number) => -0.691 + 10 * Math.log10(power);
  const loud = blocks.filter((p) => p > 0 && lufs(p) > -70);
  if (loud.length === 0) return -70;
  const mean = (list: number[]) => list.reduce((s, v) => s + v, 0) / list.length;
  const relativeGate = lufs(mean(loud)) - 10;
  const gated = loud.filter((p) => lufs(p) > relativeGate);
  return lufs(mean(gated.length > 0 ? gated : loud));
}
