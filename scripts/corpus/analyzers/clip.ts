/**
 * Renders one labelled corpus clip: a drum groove at a known tempo, bass line, chords and an
 * arpeggio/hook in a known key, arranged and mixed for a known energy level. Pure and seeded: the
 * same spec gives the same samples on every machine.
 * @module
 */
import { mulberry32 } from '../../../src/core/hash';
import type { MusicalKey } from '../../../src/core/music/keys';
import { renderDrum, type DrumKitParams, type DrumVoice, type KickAttack } from './drumVoices';
import { harmonicMinorHook, minorCadence } from './clubHarmony';
import { ladderPercussion } from './clubPatterns';
import { bassNote, hook, progression, voiceChord } from './harmony';
import { renderNote, type InstrumentVoice } from './instrumentVoices';
import { master, type MasteringChain } from './mastering';
import { drumPattern, type GrooveStyle } from './patterns';
import { midiToHz, mixInto } from './synthDsp';

export type BassVoice = 'sawBass' | 'pulseBass' | 'subBass';
export type ChordVoice = 'pad' | 'fmPiano' | 'sawStab';
export type ArpVoice = 'pluck' | 'fmBell' | 'sawStab';

export interface ClipSpec {
  id: string;
  bpm: number;
  style: GrooveStyle;
  grooveVariant: number;
  key: MusicalKey;
  progressionVariant: number;
  /** Arrangement/mix intensity 1 (sparse, quiet, dark) … 5 (full, loud, bright). */
  energy: number;
  bassVoice: BassVoice;
  chordVoice: ChordVoice;
  arpVoice: ArpVoice;
  /** Deviation of the clip's concert pitch from A440, in cents (real records are not always at 440). */
  tuningCents: number;
  /** Silence before the first downbeat, seconds. */
  leadIn: number;
  durationSec: number;
  seed: number;
  /** Extended (club) corpus only, see clubCorpus.ts. Which group of cases the clip belongs to. */
  group?: string;
  /** 'minorCadence': a harmonic-minor progression (major V) instead of the usual loop. */
  harmony?: 'loop' | 'minorCadence';
  /** The bass holds the tonic under every chord (a tonic pedal). */
  bassPedal?: boolean;
  /**
   * Energy ladders: `energy` only adds arrangement layers (timbres stay fixed) and the mastering
   * chain sets the loudness, so every rung of a ladder is equally loud.
   */
  ladder?: string;
  /** Master bus (compressor, limiter, loudness target) instead of the level-dependent gain and tanh. */
  mastering?: MasteringChain;
  /** Kick attack shape (default 'click'); see drumVoices. */
  kickAttack?: KickAttack;
  /**
   * Swing: off-beat 16ths are delayed by this fraction of a 16th (0–0.5). Default: 0.12 for slow
   * breakbeats, else straight. The beat itself never moves.
   */
  swing?: number;
  /** Arrangement layers that play (all by default): the structure corpus mutes some per section. */
  layers?: Partial<Record<ClipLayer, boolean>>;
}

export type ClipLayer = 'kick' | 'drums' | 'bass' | 'chords' | 'arp' | 'hook';

export interface ClipTruth {
  id: string;
  bpm: number;
  style: GrooveStyle;
  key: MusicalKey;
  energy: number;
  firstDownbeatSec: number;
  durationSec: number;
  tuningCents: number;
  group?: string;
  ladder?: string;
  mastering?: string;
}

export function clipTruth(spec: ClipSpec): ClipTruth {
  return {
    ...(spec.group ? { group: spec.group } : {}),
    ...(spec.ladder ? { ladder: spec.ladder } : {}),
    ...(spec.mastering ? { mastering: spec.mastering.name } : {}),
    id: spec.id,
    bpm: spec.bpm,
    style: spec.style,
    key: spec.key,
    energy: spec.energy,
    firstDownbeatSec: spec.leadIn,
    durationSec: spec.durationSec,
    tuningCents: spec.tuningCents,
  };
}

const DRUM_GAIN: Record<DrumVoice, number> = { kick: 0.9, snare: 0.55, clap: 0.45, closedHat: 0.25, openHat: 0.22, shaker: 0.18, tambourine: 0.2 };

/** Renders one-shot variants once per clip and reuses them (as a sampler would). */
class DrumSampler {
  private readonly cache = new Map<string, Float32Array>();
  constructor(
    private readonly kit: DrumKitParams,
    private readonly sampleRate: number,
    private readonly seed: number,
  ) {}
  get(voice: DrumVoice, variant: number): Float32Array {
    const key = `${voice}:${variant}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = renderDrum(voice, this.kit, this.sampleRate, (this.seed * 31 + variant * 7919 + voice.length * 104729) >>> 0);
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/** Caches rendered notes: progressions repeat, so most notes are rendered once per clip. */
class NoteCache {
  private readonly cache = new Map<string, Float32Array>();
  constructor(
    private readonly sampleRate: number,
    private readonly tuningCents: number,
    private readonly seed: number,
  ) {}
  get(voice: InstrumentVoice, midi: number, duration: number, brightness: number): Float32Array {
    const key = `${voice}:${midi}:${duration.toFixed(4)}:${brightness.toFixed(3)}`;
    let note = this.cache.get(key);
    if (!note) {
      const freq = midiToHz(midi, this.tuningCents);
      note = renderNote({ voice, freq, duration, brightness, seed: (this.seed + midi * 131) >>> 0 }, this.sampleRate);
      this.cache.set(key, note);
    }
    return note;
  }
}

export function renderClip(spec: ClipSpec, sampleRate: number): Float32Array {
  const { drums, music } = renderStems(spec, sampleRate);
  const total = drums.length;
  if (spec.mastering) {
    const mix = new Float32Array(total);
    for (let i = 0; i < total; i++) mix[i] = drums[i] * 0.9 + music[i];
    return master(mix, sampleRate, spec.mastering);
  }
  // Mix: louder and more driven as energy rises; a tanh bus limiter keeps peaks ≤ 1.
  const level = spec.energy;
  const masterGain = Math.pow(10, (-19 + 3.4 * level) / 20);
  const drive = 1 + 0.5 * (level - 1);
  const out = new Float32Array(total);
  for (let i = 0; i < total; i++) {
    const x = (drums[i] * 0.9 + music[i]) * masterGain * drive;
    out[i] = Math.tanh(x);
  }
  return out;
}

/** The clip's drum and music buses before the mix bus (the structure corpus masters whole tracks). */
export function renderStems(spec: ClipSpec, sampleRate: number): { drums: Float32Array; music: Float32Array } {
  const plays = (layer: ClipLayer) => spec.layers?.[layer] ?? true;
  const rand = mulberry32(spec.seed);
  const total = Math.round(spec.durationSec * sampleRate);
  const drums = new Float32Array(total);
  const music = new Float32Array(total);
  const beat = 60 / spec.bpm;
  const step = beat / 4;
  const bar = beat * 4;
  const bars = Math.ceil((spec.durationSec - spec.leadIn) / bar) + 1;
  const level = spec.energy;
  // Ladders keep the timbre fixed: only the arrangement may raise their energy.
  const brightness = spec.ladder ? 0.45 : 0.15 + 0.17 * (level - 1);
  // Slow grooves swing a little (hip-hop feel); it moves off-beat 16ths, not the beat.
  const swing = spec.swing ?? (spec.style === 'hipHop' ? 0.16 : spec.bpm < 105 && spec.style === 'breakbeat' ? 0.12 : 0);
  const at = (barIndex: number, s: number) => {
    const swung = s % 2 === 1 ? s + swing : s;
    return Math.round((spec.leadIn + barIndex * bar + swung * step) * sampleRate);
  };

  const kit: DrumKitParams = {
    kickPitch: 45 + rand() * 15,
    kickDecay: 0.12 + rand() * 0.15,
    snareTone: 170 + rand() * 60,
    hatCutoff: 3000 + rand() * 2500,
    kickAttack: spec.kickAttack,
  };
  const sampler = new DrumSampler(kit, sampleRate, spec.seed);
  // Ladders: the level-1 groove plus one percussion layer per level (clubPatterns.ts).
  const pattern = spec.ladder
    ? [...drumPattern(spec.style, spec.grooveVariant, 1), ...ladderPercussion(level)]
    : drumPattern(spec.style, spec.grooveVariant, level);
  for (let b = 0; b < bars; b++) {
    for (const hit of pattern) {
      if (!plays(hit.voice === 'kick' ? 'kick' : 'drums')) continue;
      // Small velocity and timing humanisation on everything but the kick.
      const jitter = hit.voice === 'kick' ? 0 : Math.round((rand() - 0.5) * 0.004 * sampleRate);
      const velocity = hit.velocity * (hit.voice === 'kick' ? 1 : 0.85 + 0.3 * rand());
      mixInto(drums, sampler.get(hit.voice, Math.floor(rand() * 3)), at(b, hit.step) + jitter, velocity * DRUM_GAIN[hit.voice]);
    }
  }

  const notes = new NoteCache(sampleRate, spec.tuningCents, spec.seed);
  const cadence = spec.harmony === 'minorCadence' && spec.key.mode === 'minor';
  const chords = cadence ? minorCadence(spec.progressionVariant) : progression(spec.key.mode, spec.progressionVariant);
  const hookNotes = cadence ? harmonicMinorHook(spec.key, 8, rand, 67) : hook(spec.key, 8, rand, 67);
  const bassLowest = spec.bassVoice === 'subBass' ? 28 : 33;
  for (let b = 0; b < bars; b++) {
    const chord = chords[b % chords.length];
    // Bass: off-beat 8ths for four-on-the-floor, syncopated roots for breaks, long notes for half-time.
    const root = bassNote(spec.key, spec.bassPedal ? { root: 0, quality: chord.quality } : chord, bassLowest);
    const { steps: bassSteps, length: bassLength } = bassRhythm(spec.style, step);
    if (plays('bass')) for (const s of bassSteps) mixInto(music, notes.get(spec.bassVoice, root, bassLength, brightness), at(b, s), 0.42);

    const voicing = voiceChord(spec.key, chord, 62);
    if (plays('chords') && spec.chordVoice === 'pad') {
      for (const midi of voicing) mixInto(music, notes.get('pad', midi, bar * 0.95, brightness), at(b, 0), 0.16);
    } else if (plays('chords')) {
      const stabSteps = spec.chordVoice === 'sawStab' ? [2, 6, 10, 14] : [0, 6, 8, 14];
      for (const s of stabSteps) for (const midi of voicing) mixInto(music, notes.get(spec.chordVoice, midi, step * 1.5, brightness), at(b, s), 0.13);
    }

    // Ladders bring the arpeggio and the hook in at level 3 (16ths from 4): level 2 is drums only.
    const arpFrom = spec.ladder ? 3 : 2;
    const hookFrom = 3;
    if (level >= arpFrom && plays('arp')) {
      // Arpeggio over the chord tones in 16ths (8ths when sparse).
      const arpStride = level >= 4 ? 1 : 2;
      const arpNotes = voiceChord(spec.key, chord, 74);
      for (let s = 0, n = 0; s < 16; s += arpStride, n++) {
        mixInto(music, notes.get(spec.arpVoice, arpNotes[n % 3], step * 0.9 * arpStride, brightness), at(b, s), 0.09);
      }
    }
    if (level >= hookFrom && b % 2 === 1 && plays('hook')) {
      for (let n = 0; n < hookNotes.length; n++) mixInto(music, notes.get('pluck', hookNotes[n], step * 1.8, brightness), at(b, n * 2), 0.12);
    }
  }

  return { drums, music };
}

/** Bass rhythm per groove: off-beat 8ths for four-on-the-floor, syncopated roots for breaks, long notes for half-time. */
function bassRhythm(style: GrooveStyle, step: number): { steps: number[]; length: number } {
  switch (style) {
    case 'fourOnFloor':
      return { steps: [2, 6, 10, 14], length: step * 1.6 };
    case 'breakbeat':
      return { steps: [0, 3, 6, 10], length: step * 1.6 };
    case 'halfTime':
      return { steps: [0, 8], length: step * 7 };
    case 'dnbTwoStep':
    case 'jungle':
      // Rolling sub/reese notes under the two-step.
      return { steps: [0, 6, 10], length: step * 3.5 };
    case 'trap':
      // 808 following the kick, long.
      return { steps: [0, 6, 11], length: step * 4.5 };
    case 'halfTimeSlow':
      return { steps: [0, 10], length: step * 6 };
    case 'hipHop':
      return { steps: [0, 7, 10], length: step * 2.5 };
  }
}
