import { describe, expect, it } from 'vitest';
import { RingLog } from './log';

describe('RingLog', () => {
  it('keeps the newest entries in order once full', () => {
    let t = 0;
    const log = new RingLog(3, () => (t += 1000));
    for (let i = 1; i <= 5; i++) log.info('step', { i });
    expect(log.list().map((e) => e.data?.i)).toEqual([3, 4, 5]);
    expect(
      log
        .toJsonLines()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).data.i),
    ).toEqual([3, 4, 5]);
    expect(log.list()[0].at).toBe(new Date(3000).toISOString());
  });
});
