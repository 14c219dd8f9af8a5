import type { DecodeService } from './decodeService';
import type { SampleWindow } from '../core/sampling';

/**
 * Plays a track's main window (Web Audio) straight from the music folder: decoded in a decode
 * worker, so every format the library holds can be previewed.
 */
export class PreviewPlayer {
  private context: AudioContext | null = null;
  private source: AudioBufferSourceNode | null = null;
  playing: string | null = null;

  constructor(private readonly decoder: () => DecodeService) {}

  async play(trackId: string, file: File, window: Pick<SampleWindow, 'startSec' | 'endSec'>): Promise<void> {
    this.stop();
    this.context ??= new AudioContext();
    const rate = this.context.sampleRate;
    const outcome = await this.decoder().decode(file, {
      sampleRate: rate,
      windows: [{ startSec: window.startSec, endSec: Math.min(window.endSec, window.startSec + 30) }],
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    const pcm = outcome.value.windows![0];
    const buffer = this.context.createBuffer(1, pcm.length, rate);
    buffer.copyToChannel(pcm as Float32Array<ArrayBuffer>, 0);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    source.onended = () => {
      if (this.source === source) this.playing = null;
    };
    source.start();
    this.source = source;
    this.playing = trackId;
  }

  stop(): void {
    this.source?.stop();
    this.source = null;
    this.playing = null;
  }
}
