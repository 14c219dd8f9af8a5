/**
 * The native decode path: mediabunny demuxes the File (read in slices, never loaded whole), the
 * browser's WebCodecs AudioDecoder decodes natively, and the samples are laid on the track's
 * timeline, downmixed to mono and resampled in TypeScript. Same request and result shapes as
 * decodeWithFFmpeg, and the same timeline (codec priming removed), so the two paths are
 * interchangeable. Anything unusual throws NotForWebCodecsError: the caller then uses ffmpeg.wasm, which
 * also produces the DJ-readable reasons for broken files.
 * @module
 */
import { ALL_FORMATS, BlobSource, Input, type AudioCodec, type InputAudioTrack } from 'mediabunny';
import type { DecodeRequest, DecodeResult, TimeWindow } from '../../src/core/decode/ffmpegDecode';
import { Resampler } from '../../src/core/decode/resample';
import { MP3_HEADER_PROBE_BYTES, readMp3GaplessInfo } from './mp3Gapless';
import { decodePackets } from './packetDecoder';
import { PcmBuilder } from './pcmBuilder';
import { TimelineFeed } from './timelineFeed';
import { errorMessage } from '../../src/core/errors';

/** This file is not for the WebCodecs path (or it failed there): decode it with ffmpeg.wasm. */
export class NotForWebCodecsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotForWebCodecsError';
  }
}

/** Samples of output delay of every MP3 decoder's synthesis filterbank (ffmpeg removes it with the encoder delay). */
const MP3_DECODER_DELAY = 529;
/** Decode this much before a window: MP3's bit reservoir and MDCT overlap need the previous frames. */
const SEEK_PREROLL_SEC = 0.1;
/** A jump in timestamps larger than this is a damaged file, not a gap to fill with silence. */
const MAX_GAP_SEC = 2;

interface OpenTrack {
  track: InputAudioTrack;
  codec: AudioCodec;
  config: AudioDecoderConfig;
  sampleRate: number;
  /** Decoded samples to drop at the start (priming) to land on ffmpeg's timeline. */
  leadingSkip: number;
  /** Exact length in samples when the file states it (MP3 gapless info): padding after it is dropped. */
  exactLength?: number;
  /** Duration the file declares, priming and padding excluded, when it declares one. */
  declaredSec?: number;
}

async function openTrack(input: Input, file: Blob, accepts: (codec: AudioCodec) => boolean): Promise<OpenTrack> {
  let track: InputAudioTrack | null;
  try {
    track = await input.getPrimaryAudioTrack();
  } catch (error) {
    throw new NotForWebCodecsError(`mediabunny cannot read the file: ${errorMessage(error)}`);
  }
  if (!track) throw new NotForWebCodecsError('no audio track found by mediabunny');
  const codec = await track.getCodec();
  if (!codec) throw new NotForWebCodecsError('unknown codec');
  if (!accepts(codec)) throw new NotForWebCodecsError(`${codec} is decoded with ffmpeg.wasm`);
  const config = await track.getDecoderConfig();
  if (!config || !(await AudioDecoder.isConfigSupported(config)).supported)
    throw new NotForWebCodecsError(`this browser cannot decode ${codec} with WebCodecs`);
  const sampleRate = await track.getSampleRate();
  const channels = await track.getNumberOfChannels();
  // Surround downmixes weight channels differently (centre, LFE); ffmpeg knows those rules.
  if (channels > 2) throw new NotForWebCodecsError(`${channels}-channel audio is downmixed by ffmpeg.wasm`);
  let declaredSec = (await input.getDurationFromMetadata([track])) ?? undefined;
  let leadingSkip = 0;
  let exactLength: number | undefined;
  if (codec === 'mp3') {
    const head = new Uint8Array(await file.slice(0, MP3_HEADER_PROBE_BYTES).arrayBuffer());
    const gapless = readMp3GaplessInfo(head);
    if (gapless) {
      leadingSkip = gapless.encoderDelay + MP3_DECODER_DELAY;
      if (gapless.frameCount) {
        exactLength = gapless.frameCount * gapless.samplesPerFrame - gapless.encoderDelay - gapless.padding;
        declaredSec = exactLength / gapless.sampleRate;
      }
    }
  }
  return { track, codec, config, sampleRate, leadingSkip, exactLength, declaredSec };
}

/** Downmix one decoded chunk to mono: (L + R) / 2, as decodeWithFFmpeg asks ffmpeg to. */
function toMono(sample: AudioData, scratch: { plane: Float32Array }): Float32Array {
  const frames = sample.numberOfFrames;
  const channels = sample.numberOfChannels;
  const mono = new Float32Array(frames);
  if (channels === 1) {
    sample.copyTo(mono, { planeIndex: 0, format: 'f32-planar' });
    return mono;
  }
  if (scratch.plane.length < frames) scratch.plane = new Float32Array(frames);
  const plane = scratch.plane;
  for (let c = 0; c < channels; c++) {
    sample.copyTo(plane, { planeIndex: c, format: 'f32-planar', frameCount: frames });
    for (let i = 0; i < frames; i++) mono[i] += plane[i];
  }
  const scale = 1 / channels;
  for (let i = 0; i < frames; i++) mono[i] *= scale;
  return mono;
}

/**
 * Decode [fromSec, toSec) of the track and hand each chunk, in mono, to `write` with its index on
 * the timeline (priming removed). Rejects sample-rate changes and timestamp jumps.
 */
async function decodeRange(open: OpenTrack, fromSec: number, toSec: number, write: (at: number, mono: Float32Array) => void): Promise<void> {
  const scratch = { plane: new Float32Array(4096) };
  const skipSec = open.leadingSkip / open.sampleRate;
  let expected: number | undefined;
  await decodePackets(open.track, open.config, Math.max(0, fromSec + skipSec), toSec + skipSec, (startSec, data) => {
    if (data.sampleRate !== open.sampleRate) throw new NotForWebCodecsError(`sample rate changes mid-stream (${open.sampleRate} → ${data.sampleRate} Hz)`);
    const at = Math.round(startSec * open.sampleRate) - open.leadingSkip;
    if (expected !== undefined && Math.abs(at - expected) > MAX_GAP_SEC * open.sampleRate) {
      throw new NotForWebCodecsError(`timestamps jump by ${((at - expected) / open.sampleRate).toFixed(1)} s`);
    }
    expected = at + data.numberOfFrames;
    write(at, toMono(data, scratch));
  });
}

async function decodeWhole(open: OpenTrack, sampleRate: number): Promise<DecodeResult> {
  const out = new PcmBuilder(((open.declaredSec ?? 0) + 1) * sampleRate);
  const resampler = open.sampleRate === sampleRate ? undefined : new Resampler(open.sampleRate, sampleRate);
  const feed = new TimelineFeed(0, open.exactLength ?? Infinity, (chunk) => out.append(resampler ? resampler.push(chunk) : chunk));
  await decodeRange(open, 0, Infinity, (at, mono) => feed.write(at, mono));
  if (resampler) out.append(resampler.flush());
  const decodedSec = feed.position / open.sampleRate;
  if (feed.position === 0) throw new NotForWebCodecsError('no samples decoded');
  // Looks truncated or damaged: let ffmpeg decide, and word the reason.
  if (open.declaredSec && decodedSec < open.declaredSec * 0.97 - 0.5) {
    throw new NotForWebCodecsError(`decoded ${decodedSec.toFixed(1)} s of a declared ${open.declaredSec.toFixed(1)} s`);
  }
  return { sampleRate, durationSec: open.declaredSec ?? decodedSec, pcm: out.result() };
}

/** Codecs whose seeks land on the wrong sample in Chrome + mediabunny (Ogg: the first packet after a
 * seek yields no audio, which shifts every timestamp): their windows come from one pass from the start. */
const SEQUENTIAL_WINDOW_CODECS: ReadonlySet<AudioCodec> = new Set<AudioCodec>(['vorbis', 'opus']);

/** One window's source samples [from, to), including the resampler's context either side. */
interface WindowPlan {
  window: TimeWindow;
  context: number;
  from: number;
  to: number;
  source: Float32Array;
  feed: TimelineFeed;
}

function planWindow(open: OpenTrack, window: TimeWindow, sampleRate: number): WindowPlan {
  const length = Math.max(0, window.endSec - window.startSec);
  const context = open.sampleRate === sampleRate ? 0 : new Resampler(open.sampleRate, sampleRate).halfLength + 1;
  const first = Math.round(window.startSec * open.sampleRate);
  const from = first - context;
  const to = first + Math.ceil(length * open.sampleRate) + context;
  const source = new Float32Array(to - from);
  let filled = 0;
  const feed = new TimelineFeed(from, to, (chunk) => {
    source.set(chunk, filled);
    filled += chunk.length;
  });
  return { window, context, from, to, source, feed };
}

function resampleWindow(plan: WindowPlan, sourceRate: number, sampleRate: number): Float32Array {
  plan.feed.finish();
  const expected = Math.round(Math.max(0, plan.window.endSec - plan.window.startSec) * sampleRate);
  if (sourceRate === sampleRate) return plan.source.slice(plan.context, plan.context + expected);
  const resampler = new Resampler(sourceRate, sampleRate, { startAt: plan.context });
  const head = resampler.push(plan.source);
  const pcm = new Float32Array(expected);
  pcm.set(head.subarray(0, expected));
  if (head.length < expected) pcm.set(resampler.flush().subarray(0, expected - head.length), head.length);
  return pcm;
}

async function decodeWindows(open: OpenTrack, windows: TimeWindow[], sampleRate: number): Promise<Float32Array[]> {
  const plans = windows.map((window) => planWindow(open, window, sampleRate));
  const rate = open.sampleRate;
  if (SEQUENTIAL_WINDOW_CODECS.has(open.codec)) {
    const end = Math.max(0, ...plans.map((p) => p.to));
    await decodeRange(open, 0, end / rate, (at, mono) => {
      for (const plan of plans) plan.feed.write(at, mono);
    });
  } else {
    for (const plan of plans) {
      if (plan.to <= plan.from) continue;
      await decodeRange(open, Math.max(0, plan.from / rate - SEEK_PREROLL_SEC), plan.to / rate, (at, mono) => plan.feed.write(at, mono));
    }
  }
  return plans.map((plan) => resampleWindow(plan, rate, sampleRate));
}

/**
 * Decode with mediabunny + WebCodecs. `accepts` says which codecs this path takes (the per-format
 * choice); anything else, and any failure, throws NotForWebCodecsError.
 */
export async function decodeWithWebCodecs(file: Blob, request: DecodeRequest, accepts: (codec: AudioCodec) => boolean): Promise<DecodeResult> {
  if (typeof AudioDecoder === 'undefined') throw new NotForWebCodecsError('WebCodecs is not available in this browser');
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const open = await openTrack(input, file, accepts);
    if (!request.windows) return await decodeWhole(open, request.sampleRate);
    const windows = await decodeWindows(open, request.windows, request.sampleRate);
    return { sampleRate: request.sampleRate, durationSec: open.declaredSec ?? 0, windows };
  } catch (error) {
    if (error instanceof NotForWebCodecsError) throw error;
    throw new NotForWebCodecsError(`WebCodecs decoding failed: ${errorMessage(error)}`);
  } finally {
    input.dispose();
  }
}
