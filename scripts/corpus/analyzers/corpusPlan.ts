/**
 * Deterministic plan of the labelled analyzer corpus: tempos stratified over 80–175 BPM, every one of
 * the 24 keys, energy levels 1–5 spread evenly, groove style chosen from what is idiomatic at each
 * tempo (breaks and hip-hop slow, house/techno in the middle, half-time and DnB fast).
 * @module
 */
import { fnv1a32, mulberry32 } from '../../../src/core/hash';
import { keyFromIndex } from '../../../src/core/music/keys';
import type { ArpVoice, BassVoice, ChordVoice, ClipSpec } from './clip';
import type { GrooveStyle } from './patterns';

export interface CorpusPlanOptions {
  count: number;
  seed: string;
  durationSec: number;
  minBpm: number;
  maxBpm: number;
}

export const DEFAULT_CORPUS: CorpusPlanOptions = { count: 48, seed: 'rbassist-analyzers-v1', durationSec: 30, minBpm: 80, maxBpm: 175 };

function shuffled<T>(items: T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function styleFor(bpm: number, turn: number): GrooveStyle {
  if (bpm < 95) return 'breakbeat';
  if (bpm < 120) return turn % 2 === 0 ? 'fourOnFloor' : 'breakbeat';
  if (bpm < 160) return (['fourOnFloor', 'breakbeat', 'halfTime'] as const)[turn % 3];
  return turn % 2 === 0 ? 'breakbeat' : 'halfTime';
}

export function planCorpus(options: Partial<CorpusPlanOptions> = {}): ClipSpec[] {
  const o = { ...DEFAULT_CORPUS, ...options };
  const rand = mulberry32(fnv1a32(o.seed));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const keyOrder: number[] = [];
  while (keyOrder.length < o.count)
    keyOrder.push(
      ...shuffled(
        Array.from({ length: 24 }, (_, i) => i),
        rand,
      ),
    );
  const energyOrder: number[] = [];
  while (energyOrder.length < o.count) energyOrder.push(...shuffled([1, 2, 3, 4, 5], rand));
  const span = o.maxBpm - o.minBpm;
  const specs: ClipSpec[] = [];
  for (let i = 0; i < o.count; i++) {
    // One tempo per stratum so the whole range is covered evenly, at one decimal place.
    const bpm = Math.round((o.minBpm + ((i + rand()) / o.count) * span) * 10) / 10;
    const style = styleFor(bpm, i);
    specs.push({
      id: `clip${String(i + 1).padStart(2, '0')}`,
      bpm,
      style,
      grooveVariant: Math.floor(rand() * 4),
      key: keyFromIndex(keyOrder[i]),
      progressionVariant: Math.floor(rand() * 5),
      energy: energyOrder[i],
      bassVoice: pick<BassVoice>(['sawBass', 'pulseBass', 'subBass']),
      chordVoice: pick<ChordVoice>(['pad', 'fmPiano', 'sawStab']),
      arpVoice: pick<ArpVoice>(['pluck', 'fmBell', 'sawStab']),
      tuningCents: rand() < 0.5 ? 0 : Math.round((rand() * 60 - 30) * 10) / 10,
      leadIn: Math.round((0.05 + rand() * 1.45) * 1000) / 1000,
      durationSec: o.durationSec,
      seed: fnv1a32(`${o.seed}:${i}`),
    });
  }
  return specs;
}
