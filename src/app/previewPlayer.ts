/**
 * Plays a track from any point (Web Audio) straight from the music folder, in stereo: the decode
 * workers decode PREVIEW_SECONDS from there, so every format the library holds can be previewed.
 * One preview at a time: starting another (or seeking) stops the one playing. Its state is a store
 * the UI reads for the playing button, the playing row and the moving playhead.
 * @module
 */
import type { DecodeService } from './decodeService';
import { Store } from './store';
import { fail, ok, type Result } from '../core/errors';

/** How much is decoded per start or seek: enough to judge a track, small enough to start fast. */
export const PREVIEW_SECONDS = 30;

export interface PreviewState {
  trackId: string | null;
  status: 'idle' | 'loading' | 'playing';
  /** Track time playback started from (s). */
  fromSec: number;
  /** Track time this preview ends at (s). */
  untilSec: number;
  /** AudioContext time at which `fromSec` played. */
  startedAt: number;
  /** Channels playing (2: stereo, whatever the file's layout; 0 when idle). */
  channels: number;
}

export const IDLE_PREVIEW: PreviewState = { trackId: null, status: 'idle', fromSec: 0, untilSec: 0, startedAt: 0, channels: 0 };

/** Where in the track the preview is at audio-clock time `now` (null when nothing plays). Pure. */
export function playheadSec(state: PreviewState, now: number): number | null {
  if (state.status === 'loading') return state.fromSec;
  if (state.status !== 'playing') return null;
  return Math.min(state.untilSec, state.fromSec + Math.max(0, now - state.startedAt));
}

/** The range a preview from `fromSec` decodes, inside the track. Pure. */
export function previewRange(fromSec: number, durationSec?: number): { startSec: number; endSec: number } {
  const end = durationSec && durationSec > 0 ? durationSec : Infinity;
  const startSec = Math.max(0, Math.min(fromSec, end - 1));
  return { startSec, endSec: Math.min(end, startSec + PREVIEW_SECONDS) };
}

/** Interleaved stereo (or mono) samples into one array per channel. Pure. */
export function splitChannels(interleaved: Float32Array, channels: number): Float32Array<ArrayBuffer>[] {
  const frames = Math.floor(interleaved.length / channels);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) out[c][i] = interleaved[i * channels + c];
  return out;
}

/** What the player needs to know of a library track to play it. */
export interface PreviewSource {
  file: File;
  durationSec?: number;
  /** Where a plain "Preview" starts: the track's main sampled window. */
  mainStartSec?: number;
}

/** Without a main window, a plain "Preview" skips a typical intro. */
const DEFAULT_START_SEC = 30;

export class PreviewPlayer {
  readonly store = new Store<PreviewState>(IDLE_PREVIEW);
  private context: AudioContext | null = null;
  private source: AudioBufferSourceNode | null = null;
  /** Counts starts and stops: a decode that finishes after a newer one was asked for is dropped. */
  private generation = 0;

  constructor(
    private readonly decoder: () => DecodeService,
    private readonly locate: (trackId: string) => Promise<Result<PreviewSource>>,
  ) {}

  /** Play a library track from `fromSec` (default: its main window). */
  async playTrack(trackId: string, fromSec?: number): Promise<Result<'playing' | 'superseded'>> {
    const located = await this.locate(trackId);
    if (!located.ok) return located;
    const { file, durationSec, mainStartSec } = located.value;
    return this.play(trackId, file, fromSec ?? mainStartSec ?? Math.min(DEFAULT_START_SEC, (durationSec ?? 60) / 2), durationSec);
  }

  /** The Preview button: stop this track if it is playing, otherwise play it (stopping any other). */
  async toggle(trackId: string): Promise<Result<'playing' | 'superseded' | 'stopped'>> {
    if (this.playing === trackId) {
      this.stop();
      return ok('stopped');
    }
    return this.playTrack(trackId);
  }

  /** The track playing or loading (null when idle). */
  get playing(): string | null {
    return this.store.get().trackId;
  }

  /**
   * Play `trackId` from `fromSec` (its duration bounds the range). Resolves once it plays, with a
   * failure reason when the file cannot be decoded, or 'superseded' when another start or a stop
   * came first.
   */
  async play(trackId: string, file: File, fromSec: number, durationSec?: number): Promise<Result<'playing' | 'superseded'>> {
    const generation = ++this.generation;
    this.stopSource();
    const range = previewRange(fromSec, durationSec);
    this.store.set({ ...IDLE_PREVIEW, trackId, status: 'loading', fromSec: range.startSec, untilSec: range.startSec });
    const context = (this.context ??= new AudioContext());
    if (context.state === 'suspended') await context.resume();
    const rate = context.sampleRate;
    const outcome = await this.decoder().decode(file, { sampleRate: rate, windows: [range], channels: 2 });
    if (generation !== this.generation) return ok('superseded');
    if (!outcome.ok) {
      this.store.set(IDLE_PREVIEW);
      return fail(outcome.reason);
    }
    const channels = splitChannels(outcome.value.windows![0], outcome.value.channels ?? 1);
    const buffer = context.createBuffer(channels.length, Math.max(1, channels[0].length), rate);
    channels.forEach((samples, c) => buffer.copyToChannel(samples, c));
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    source.onended = () => {
      if (this.source !== source) return;
      this.source = null;
      this.store.set(IDLE_PREVIEW);
    };
    source.start();
    this.source = source;
    this.store.set({ status: 'playing', startedAt: context.currentTime, untilSec: range.startSec + buffer.duration, channels: buffer.numberOfChannels });
    return ok('playing');
  }

  /** Where the preview is in its track now (null when idle). */
  positionSec(): number | null {
    return playheadSec(this.store.get(), this.context?.currentTime ?? 0);
  }

  stop(): void {
    this.generation++;
    this.stopSource();
    this.store.set(IDLE_PREVIEW);
  }

  private stopSource(): void {
    const source = this.source;
    this.source = null;
    source?.stop();
  }
}
