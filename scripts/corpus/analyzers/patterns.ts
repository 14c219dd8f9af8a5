/**
 * One-bar drum patterns on a 16-step grid for the three groove families of the corpus. Which layers
 * play depends on the energy level (1 = sparse … 5 = full), as an arranger would thin or fill a groove.
 * @module
 */
import { clubDrumPattern, isClubStyle, type ClubGrooveStyle } from './clubPatterns';
import type { DrumVoice } from './drumVoices';

export type GrooveStyle = 'fourOnFloor' | 'breakbeat' | 'halfTime' | ClubGrooveStyle;

export interface DrumHit {
  voice: DrumVoice;
  /** 16th-note step within the bar, 0–15. */
  step: number;
  velocity: number;
}

const eighths = [0, 2, 4, 6, 8, 10, 12, 14];
const offbeats = [2, 6, 10, 14];
const sixteenths = Array.from({ length: 16 }, (_, i) => i);

/** Kick/snare skeletons per style; `variant` picks one of several common grooves. */
function skeleton(style: Exclude<GrooveStyle, ClubGrooveStyle>, variant: number): DrumHit[] {
  const hits: DrumHit[] = [];
  const kick = (steps: number[], v = 1) => steps.forEach((step) => hits.push({ voice: 'kick', step, velocity: v }));
  const snare = (steps: number[], v = 1) => steps.forEach((step) => hits.push({ voice: 'snare', step, velocity: v }));
  if (style === 'fourOnFloor') {
    kick([0, 4, 8, 12]);
  } else if (style === 'breakbeat') {
    const grooves = [
      { k: [0, 10], s: [4, 12], g: [] as number[] },
      { k: [0, 6, 10], s: [4, 12], g: [14] },
      { k: [0, 2, 10], s: [4, 12], g: [7, 15] },
      { k: [0, 10, 11], s: [4, 12], g: [9] },
    ];
    const g = grooves[variant % grooves.length];
    kick(g.k);
    snare(g.s);
    snare(g.g, 0.35);
  } else {
    const grooves = [
      { k: [0], s: [8] },
      { k: [0, 14], s: [8] },
      { k: [0, 3, 11], s: [8] },
    ];
    const g = grooves[variant % grooves.length];
    kick(g.k);
    snare(g.s);
  }
  return hits;
}

export function drumPattern(style: GrooveStyle, variant: number, energy: number): DrumHit[] {
  if (isClubStyle(style)) return clubDrumPattern(style, variant, energy);
  const hits = skeleton(style, variant).filter((h) => energy >= 2 || h.voice === 'kick' || h.velocity === 1);
  const add = (voice: DrumVoice, steps: number[], velocity: number) => steps.forEach((step) => hits.push({ voice, step, velocity }));
  if (style === 'fourOnFloor' && energy >= 2) add('clap', [4, 12], 0.8);
  // Hats: offbeats only when sparse, 8ths in the middle, 16ths (with accents) when full.
  if (energy <= 2) add('closedHat', style === 'fourOnFloor' ? offbeats : eighths, 0.5);
  else if (energy === 3) add('closedHat', eighths, 0.7);
  else sixteenths.forEach((step) => hits.push({ voice: 'closedHat', step, velocity: step % 2 === 0 ? 0.85 : 0.45 }));
  if (energy >= 4)
    add(
      'shaker',
      sixteenths.filter((s) => s % 4 !== 0),
      0.35,
    );
  if (energy >= 5) add('openHat', style === 'fourOnFloor' ? offbeats : [6, 14], 0.6);
  return hits;
}
