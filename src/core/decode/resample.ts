/**
 * Band-limited sample-rate conversion in pure TypeScript (used by the WebCodecs decode path, which
 * gets PCM at the file's own rate): a polyphase windowed-sinc (Kaiser) filter for any pair of
 * integer rates (44 100 / 48 000 / 96 000 → 11 025 / 24 000, and upsampling too).
 *
 * The stopband starts exactly at the lower rate's Nyquist frequency, so nothing above it folds back
 * (no aliasing when downsampling, no images when upsampling); the passband is flat up to
 * (1 − transitionWidth) of that Nyquist frequency. Output sample n is centred on input position
 * `startAt + n · from / to`, so output 0 lines up with input 0 (no filter delay), like ffmpeg's
 * resampler. Streaming: push chunks of any size, then flush; the result does not depend on the
 * chunking.
 * @module
 */
export interface ResamplerOptions {
  /** Transition band width as a fraction of the lower rate's Nyquist frequency (default 0.2). */
  transitionWidth?: number;
  /** Minimum attenuation above the lower rate's Nyquist frequency, in dB (default 80). */
  stopbandAttenuationDb?: number;
  /** Input sample index on which output sample 0 is centred (default 0). */
  startAt?: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (series; converges fast for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64 && term > sum * 1e-16; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** Kaiser's empirical β for a given stopband attenuation. */
function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

interface FilterBank {
  /** Phases (the reduced output rate L): output positions fall on multiples of 1/L input samples. */
  phases: number;
  /** Decimation step M in 1/L input samples (the reduced input rate). */
  step: number;
  /** Taps per side: each output reads input indices [i − halfTaps + 1, i + halfTaps]. */
  halfTaps: number;
  /** Row length: 2·halfTaps rounded up to a multiple of 4 (zero-padded) for the unrolled inner loop. */
  stride: number;
  /** phases × stride coefficients, each phase normalized to unit DC gain. Float64: V8 multiplies
   * float64 arrays faster than float32 ones (no conversions). */
  table: Float64Array;
  /** With a single phase (integer decimation such as 44 100 → 11 025) the filter is symmetric about
   * tap halfTaps − 1: folded[j] is the coefficient at distance j, so each pair costs one multiply. */
  folded?: Float64Array;
}

const bankCache = new Map<string, FilterBank>();

function designFilterBank(from: number, to: number, transitionWidth: number, attenuationDb: number): FilterBank {
  const key = `${from}:${to}:${transitionWidth}:${attenuationDb}`;
  const cached = bankCache.get(key);
  if (cached) return cached;
  const divisor = gcd(from, to);
  const phases = to / divisor;
  const step = from / divisor;
  // Frequencies in cycles per input sample. Stopband edge = the lower Nyquist; cutoff mid-transition.
  const nyquist = (0.5 * Math.min(from, to)) / from;
  const cutoff = nyquist * (1 - transitionWidth / 2);
  const transition = nyquist * transitionWidth;
  // Kaiser's length estimate: N ≈ (A − 7.95) / (2.285 · 2π · Δf).
  const length = (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition);
  const halfTaps = Math.max(2, Math.ceil(length / 2));
  const halfSpan = halfTaps; // window support in input samples
  const beta = kaiserBeta(attenuationDb);
  const i0Beta = besselI0(beta);
  const taps = 2 * halfTaps;
  const stride = Math.ceil(taps / 4) * 4;
  const table = new Float64Array(phases * stride);
  const row = new Float64Array(taps);
  for (let phase = 0; phase < phases; phase++) {
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      // Distance from the output position (i + phase/L) to input index i − halfTaps + 1 + k.
      const t = phase / phases + halfTaps - 1 - k;
      const x = t / halfSpan;
      let h = 0;
      if (Math.abs(x) < 1) {
        const arg = 2 * cutoff * t;
        const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        h = 2 * cutoff * sinc * (besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta);
      }
      row[k] = h;
      sum += h;
    }
    for (let k = 0; k < taps; k++) table[phase * stride + k] = row[k] / sum;
  }
  const folded = phases === 1 ? Float64Array.from({ length: halfTaps }, (_, j) => table[halfTaps - 1 - j]) : undefined;
  const bank = { phases, step, halfTaps, stride, table, folded };
  bankCache.set(key, bank);
  return bank;
}

export class Resampler {
  private readonly bank: FilterBank;
  /** Pending input; buffer[0] is absolute input index `bufferStart` (negative indices are zeros). */
  private buffer: Float64Array;
  private bufferStart: number;
  private bufferLength: number;
  /** Next output's position = nextIndex + nextPhase / phases (input samples). */
  private nextIndex: number;
  private nextPhase = 0;
  private inputCount = 0;
  private flushed = false;

  constructor(
    readonly inputRate: number,
    readonly outputRate: number,
    options: ResamplerOptions = {},
  ) {
    for (const [name, rate] of [
      ['input', inputRate],
      ['output', outputRate],
    ] as const) {
      if (!Number.isInteger(rate) || rate <= 0) throw new RangeError(`Resampler: ${name} rate must be a positive integer, got ${rate}`);
    }
    const startAt = options.startAt ?? 0;
    if (!Number.isInteger(startAt) || startAt < 0) throw new RangeError(`Resampler: startAt must be a non-negative integer, got ${startAt}`);
    this.bank = designFilterBank(inputRate, outputRate, options.transitionWidth ?? 0.2, options.stopbandAttenuationDb ?? 80);
    const pad = this.bank.halfTaps;
    // Zeros before input 0, so the first outputs see silence rather than missing samples.
    this.buffer = new Float64Array(Math.max(4096, 4 * pad + 4));
    this.bufferStart = -pad;
    this.bufferLength = pad;
    this.nextIndex = startAt;
  }

  /** Filter half-length in input samples: how much context either side each output reads. */
  get halfLength(): number {
    return this.bank.halfTaps;
  }

  /** Feed input; returns every output sample whose filter support is now complete. */
  push(chunk: Float32Array): Float32Array {
    if (this.flushed) throw new Error('Resampler: push() after flush()');
    this.append(chunk);
    this.inputCount += chunk.length;
    return this.produce(Infinity);
  }

  /** End of input: returns the remaining outputs (positions before the end of the input). */
  flush(): Float32Array {
    if (this.flushed) return new Float32Array(0);
    this.flushed = true;
    this.append(new Float32Array(this.bank.halfTaps + 4));
    return this.produce(this.inputCount);
  }

  private append(chunk: Float32Array): void {
    const keepFrom = Math.max(this.bufferStart, this.nextIndex - this.bank.halfTaps + 1);
    const drop = Math.min(keepFrom - this.bufferStart, this.bufferLength);
    const needed = this.bufferLength - drop + chunk.length;
    // +4: the unrolled loop may read up to 3 samples past the last tap (their coefficients are 0).
    if (drop > 0 || needed + 4 > this.buffer.length) {
      if (needed + 4 > this.buffer.length) {
        const grown = new Float64Array(Math.max(needed + 4, this.buffer.length * 2));
        grown.set(this.buffer.subarray(drop, this.bufferLength));
        this.buffer = grown;
      } else {
        this.buffer.copyWithin(0, drop, this.bufferLength);
      }
      this.bufferStart += drop;
      this.bufferLength -= drop;
    }
    this.buffer.set(chunk, this.bufferLength);
    this.bufferLength += chunk.length;
  }

  /** Compute outputs while their taps are buffered and their position is below `limit`. */
  private produce(limit: number): Float32Array {
    const { phases, step, halfTaps, stride, table, folded } = this.bank;
    const lastAvailable = this.bufferStart + this.bufferLength - 1;
    const lastIndex = Math.min(lastAvailable - halfTaps, limit - 1);
    if (lastIndex < this.nextIndex) return new Float32Array(0);
    const maxCount = Math.floor(((lastIndex - this.nextIndex + 1) * phases) / step) + 2;
    const out = new Float32Array(maxCount);
    const buffer = this.buffer;
    const stepWhole = Math.floor(step / phases);
    const stepFraction = step % phases;
    let index = this.nextIndex;
    let phase = this.nextPhase;
    let count = 0;
    while (index <= lastIndex) {
      const first = index - halfTaps + 1 - this.bufferStart;
      if (folded) {
        const centre = first + halfTaps - 1;
        let a0 = folded[0] * buffer[centre];
        let a1 = 0;
        for (let j = 1; j < halfTaps - 1; j += 2) {
          a0 += folded[j] * (buffer[centre - j] + buffer[centre + j]);
          a1 += folded[j + 1] * (buffer[centre - j - 1] + buffer[centre + j + 1]);
        }
        if ((halfTaps - 1) % 2 === 1) a0 += folded[halfTaps - 1] * (buffer[centre - halfTaps + 1] + buffer[centre + halfTaps - 1]);
        out[count++] = a0 + a1;
        index += stepWhole;
        continue;
      }
      const row = phase * stride;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let k = 0; k < stride; k += 4) {
        a0 += table[row + k] * buffer[first + k];
        a1 += table[row + k + 1] * buffer[first + k + 1];
        a2 += table[row + k + 2] * buffer[first + k + 2];
        a3 += table[row + k + 3] * buffer[first + k + 3];
      }
      out[count++] = a0 + a1 + a2 + a3;
      index += stepWhole;
      phase += stepFraction;
      if (phase >= phases) {
        phase -= phases;
        index++;
      }
    }
    this.nextIndex = index;
    this.nextPhase = phase;
    return out.subarray(0, count);
  }
}

/** One-shot conversion of a whole signal: ceil(n · to / from) samples, output 0 on input 0. */
export function resample(input: Float32Array, from: number, to: number, options: Omit<ResamplerOptions, 'startAt'> = {}): Float32Array {
  if (from === to) return input.slice();
  const resampler = new Resampler(from, to, options);
  const head = resampler.push(input);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
