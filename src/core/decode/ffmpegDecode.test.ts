import { beforeAll, describe, expect, it } from 'vitest';
import { encodePcm, loadFFmpegCore, type FFmpegCore } from '../../../scripts/lib/ffmpegNode';
import { sine } from '../../../scripts/fixtures/signals';
import { DecodeError, decodeWithFFmpeg, formatClock, parseDeclaredDuration } from './ffmpegDecode';

/** Estimated frequency from zero crossings, and RMS level. */
function measure(pcm: Float32Array, sampleRate: number) {
  let crossings = 0;
  let sum = 0;
  for (let i = 1; i < pcm.length; i++) {
    if (pcm[i - 1] < 0 && pcm[i] >= 0) crossings++;
    sum += pcm[i] * pcm[i];
  }
  return { frequency: crossings / (pcm.length / sampleRate), rms: Math.sqrt(sum / pcm.length) };
}

describe('decodeWithFFmpeg (the same ffmpeg.wasm core the app ships, run in Node)', () => {
  let core: FFmpegCore;
  let mp3: Uint8Array;
  beforeAll(async () => {
    core = await loadFFmpegCore();
    mp3 = await encodePcm(core, sine(20, 44100, 440, 0.5), 44100, 1, 'a.mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']);
  });

  const decodeBytes = (bytes: Uint8Array, name: string, request: Parameters<typeof decodeWithFFmpeg>[3]) => {
    core.FS.writeFile('/in-' + name, bytes);
    try {
      return decodeWithFFmpeg(core, '/in-' + name, name, request);
    } finally {
      core.FS.unlink('/in-' + name);
    }
  };

  it('decodes a whole mp3 to mono PCM at the requested rate with the right pitch and level', () => {
    const result = decodeBytes(mp3, 'a.mp3', { sampleRate: 11025 });
    expect(result.durationSec).toBeCloseTo(20, 1);
    expect(result.pcm!.length / 11025).toBeCloseTo(20, 1);
    const { frequency, rms } = measure(result.pcm!.subarray(11025, 11025 * 19), 11025);
    expect(frequency).toBeGreaterThan(437);
    expect(frequency).toBeLessThan(443);
    expect(rms).toBeCloseTo(0.5 / Math.SQRT2, 1);
  });

  it('decodes only the requested windows, sample-exact in length', () => {
    const result = decodeBytes(mp3, 'a.mp3', {
      sampleRate: 24000,
      windows: [
        { startSec: 2, endSec: 7 },
        { startSec: 15, endSec: 20 },
      ],
    });
    expect(result.windows!.map((w) => w.length)).toEqual([120000, 120000]);
    expect(measure(result.windows![0], 24000).frequency).toBeCloseTo(440, -1);
    expect(result.durationSec).toBeCloseTo(20, 1);
  });

  it('decodes a window in stereo for the preview, left and right kept apart', async () => {
    // Left a 440 Hz tone, right silent: a mono decode would put half the tone in both.
    const tone = sine(6, 44100, 440, 0.5);
    const interleaved = new Float32Array(tone.length * 2);
    for (let i = 0; i < tone.length; i++) interleaved[2 * i] = tone[i];
    const stereo = await encodePcm(core, interleaved, 44100, 2, 's.flac', ['-c:a', 'flac']);
    const result = decodeBytes(stereo, 's.flac', { sampleRate: 44100, windows: [{ startSec: 1, endSec: 4 }], channels: 2 });
    expect(result.channels).toBe(2);
    const [window] = result.windows!;
    expect(window.length).toBe(3 * 44100 * 2);
    const left = window.filter((_, i) => i % 2 === 0);
    const right = window.filter((_, i) => i % 2 === 1);
    expect(measure(left, 44100).rms).toBeCloseTo(0.5 / Math.SQRT2, 1);
    expect(measure(right, 44100).rms).toBeLessThan(0.001);
  });

  it('reports a truncated mp3 with where the audio stops', () => {
    const cut = mp3.slice(0, Math.floor(mp3.length * 0.4));
    expect(() => decodeBytes(cut, 'cut.mp3', { sampleRate: 11025 })).toThrowError(DecodeError);
    expect(() => decodeBytes(cut, 'cut.mp3', { sampleRate: 11025 })).toThrowError(/truncated or damaged — audio stops at 0:0\d of 0:20/);
  });

  it('reports a text file named .flac as not audio', () => {
    const text = new TextEncoder().encode('hello, this is not a flac file\n'.repeat(50));
    expect(() => decodeBytes(text, 'fake.flac', { sampleRate: 11025 })).toThrowError(/"fake.flac" is not a valid audio file/);
  });

  it('parses durations and formats clocks', () => {
    expect(parseDeclaredDuration(['  Duration: 00:03:12.34, start: 0.000000, bitrate: 320 kb/s'])).toBeCloseTo(192.34);
    expect(parseDeclaredDuration(['Duration: N/A'])).toBeUndefined();
    expect(formatClock(192.9)).toBe('3:12');
    expect(formatClock(3725)).toBe('1:02:05');
  });
});
