/**
 * Club grooves for the extended analyzer corpus (issue 16): drum & bass two-step, jungle breaks,
 * trap (half-time feel at 140), slow half-time at 70 and boom-bap hip-hop. One bar on a 16-step
 * grid; fractional steps are 32nds (trap hat rolls). Layers follow the energy level as in patterns.ts.
 * @module
 */
import type { DrumHit } from './patterns';

export type ClubGrooveStyle = 'dnbTwoStep' | 'jungle' | 'trap' | 'halfTimeSlow' | 'hipHop';

export const CLUB_STYLES: readonly ClubGrooveStyle[] = ['dnbTwoStep', 'jungle', 'trap', 'halfTimeSlow', 'hipHop'];

export function isClubStyle(style: string): style is ClubGrooveStyle {
  return (CLUB_STYLES as readonly string[]).includes(style);
}

const eighths = [0, 2, 4, 6, 8, 10, 12, 14];
const sixteenths = Array.from({ length: 16 }, (_, i) => i);

interface Skeleton {
  kick: number[];
  snare: number[];
  ghosts: number[];
}

const SKELETONS: Record<ClubGrooveStyle, Skeleton[]> = {
  // Two-step: kick on 1 and the "and" of 3, snares on 2 and 4 (at the full 170–178 tempo).
  dnbTwoStep: [
    { kick: [0, 10], snare: [4, 12], ghosts: [] },
    { kick: [0, 10], snare: [4, 12], ghosts: [7, 15] },
    { kick: [0, 10, 11], snare: [4, 12], ghosts: [9] },
    { kick: [0, 6, 10], snare: [4, 12], ghosts: [14] },
  ],
  // Amen-style break: busier kicks and ghost snares around the backbeat.
  jungle: [
    { kick: [0, 2, 10, 11], snare: [4, 12], ghosts: [7, 9, 14, 15] },
    { kick: [0, 2, 10], snare: [4, 12], ghosts: [7, 9, 15] },
    { kick: [0, 3, 10], snare: [4, 12], ghosts: [6, 9, 14] },
  ],
  // Trap at 140: kick pattern over the bar, snare/clap on beat 3 only (the half-time feel).
  trap: [
    { kick: [0, 3, 11], snare: [8], ghosts: [] },
    { kick: [0, 6, 10], snare: [8], ghosts: [15] },
    { kick: [0, 7, 11, 14], snare: [8], ghosts: [] },
  ],
  // Half-time at 70 (dub/downtempo): the snare lands on beat 3 of the slow bar.
  halfTimeSlow: [
    { kick: [0, 10], snare: [8], ghosts: [] },
    { kick: [0, 3], snare: [8], ghosts: [14] },
    { kick: [0, 6, 11], snare: [8], ghosts: [15] },
    { kick: [0, 2, 10], snare: [8], ghosts: [7, 13] },
  ],
  // Boom-bap: kick on 1 and around 3, snares on 2 and 4.
  hipHop: [
    { kick: [0, 7, 10], snare: [4, 12], ghosts: [] },
    { kick: [0, 3, 10], snare: [4, 12], ghosts: [15] },
    { kick: [0, 8, 10], snare: [4, 12], ghosts: [7] },
  ],
};

export function clubDrumPattern(style: ClubGrooveStyle, variant: number, energy: number): DrumHit[] {
  const options = SKELETONS[style];
  const g = options[variant % options.length];
  const hits: DrumHit[] = [];
  const add = (voice: DrumHit['voice'], steps: number[], velocity: number) => steps.forEach((step) => hits.push({ voice, step, velocity }));
  add('kick', g.kick, 1);
  add(style === 'trap' ? 'clap' : 'snare', g.snare, 1);
  if (energy >= 2) add('snare', g.ghosts, 0.35);
  switch (style) {
    case 'dnbTwoStep':
    case 'jungle':
      // 8th hats (a ride when busy), 16th shaker on top when full.
      add('closedHat', eighths, energy >= 3 ? 0.75 : 0.55);
      if (energy >= 4)
        add(
          'shaker',
          sixteenths.filter((s) => s % 2 === 1),
          0.35,
        );
      if (energy >= 5) add('openHat', [6, 14], 0.5);
      break;
    case 'trap':
      // 8th hats, 16ths when busier, and 32nd rolls into the next bar when full.
      if (energy <= 2) add('closedHat', eighths, 0.6);
      else sixteenths.forEach((step) => hits.push({ voice: 'closedHat', step, velocity: step % 2 === 0 ? 0.8 : 0.45 }));
      if (energy >= 4) add('closedHat', [12.5, 13.5, 14.5, 15.5], 0.4);
      if (energy >= 5) add('openHat', [6], 0.5);
      break;
    case 'halfTimeSlow':
      // Slow 8ths when sparse; busy 16th hats (the 8ths of a 140 groove: what makes 70 read as 140) from level 3.
      if (energy <= 2) add('closedHat', eighths, 0.6);
      else sixteenths.forEach((step) => hits.push({ voice: 'closedHat', step, velocity: step % 2 === 0 ? 0.75 : 0.45 }));
      if (energy >= 4) add('shaker', [3, 7, 11, 15], 0.3);
      if (energy >= 5) add('openHat', [6, 14], 0.45);
      break;
    case 'hipHop':
      add('closedHat', eighths, energy >= 3 ? 0.7 : 0.5);
      if (energy >= 4) add('closedHat', [3, 11], 0.3);
      if (energy >= 5) add('openHat', [14], 0.45);
      break;
  }
  return hits;
}

/**
 * Energy ladders: the sparse groove (level 1) plus one more layer of percussion per level, as an
 * arranger builds a track up: 8th hats, the backbeat clap, an off-beat shaker and ghost notes;
 * then 16th shaker and more ghosts (with the arpeggio and hook); then 16th hats and tambourine;
 * then open hats, tambourine on the 8ths too and more ghosts.
 */
export function ladderPercussion(level: number): DrumHit[] {
  const hits: DrumHit[] = [];
  const add = (voice: DrumHit['voice'], steps: number[], velocity: number) => steps.forEach((step) => hits.push({ voice, step, velocity }));
  if (level >= 2) {
    add('closedHat', eighths, 0.65);
    add('clap', [4, 12], 0.7);
    add('shaker', [2, 6, 10, 14], 0.4);
    add('snare', [7, 15], 0.3);
  }
  if (level >= 3) {
    add(
      'shaker',
      sixteenths.filter((s) => s % 2 === 1),
      0.45,
    );
    add('snare', [3, 11], 0.25);
  }
  if (level >= 4) {
    add(
      'closedHat',
      sixteenths.filter((s) => s % 2 === 1),
      0.45,
    );
    add(
      'tambourine',
      sixteenths.filter((s) => s % 2 === 1),
      0.6,
    );
  }
  if (level >= 5) {
    add('openHat', [2, 6, 10, 14], 0.55);
    add('tambourine', eighths, 0.7);
    add('snare', [1, 9, 13], 0.2);
  }
  return hits;
}
