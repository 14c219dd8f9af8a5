import { beforeAll, describe, expect, it } from 'vitest';
import { encodePcm, loadFFmpegCore, type FFmpegCore } from '../../scripts/lib/ffmpegNode';
import { sine } from '../../scripts/fixtures/signals';
import { MP3_HEADER_PROBE_BYTES, readMp3GaplessInfo } from './mp3Gapless';

describe('readMp3GaplessInfo (LAME/Lavc tag of real encoder output)', () => {
  let core: FFmpegCore;
  const seconds = 3;
  beforeAll(async () => {
    core = await loadFFmpegCore();
  });

  it.each([
    [44100, 1, '128k'],
    [48000, 2, '320k'],
    [22050, 1, '64k'],
  ])('at %i Hz, %i channel(s): delay and padding account exactly for the encoded samples', async (rate, channels, bitrate) => {
    const mono = sine(seconds, rate, 440);
    const pcm = channels === 1 ? mono : Float32Array.from({ length: mono.length * 2 }, (_, i) => mono[i >> 1]);
    const mp3 = await encodePcm(core, pcm, rate, channels, 'a.mp3', ['-c:a', 'libmp3lame', '-b:a', bitrate], { title: 'An ID3v2 tag before the first frame' });
    expect(String.fromCharCode(...mp3.subarray(0, 3))).toBe('ID3');
    const info = readMp3GaplessInfo(mp3.subarray(0, MP3_HEADER_PROBE_BYTES))!;
    expect(info.sampleRate).toBe(rate);
    expect(info.samplesPerFrame).toBe(rate >= 32000 ? 1152 : 576);
    expect(info.encoderDelay).toBeGreaterThan(0);
    expect(info.frameCount! * info.samplesPerFrame - info.encoderDelay - info.padding).toBe(mono.length);
  });

  it('returns undefined without an Info tag, and for bytes that are not MP3', async () => {
    const mp3 = await encodePcm(core, sine(1, 44100, 440), 44100, 1, 'b.mp3', ['-c:a', 'libmp3lame', '-write_xing', '0']);
    expect(readMp3GaplessInfo(mp3)).toBeUndefined();
    expect(readMp3GaplessInfo(new TextEncoder().encode('not an mp3 file at all'))).toBeUndefined();
  });
});
