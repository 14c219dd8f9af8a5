/**
 * Accuracy of the bpm / key / energy analyzers on the generated, labelled corpus.
 *
 *   npm run eval:analyzers [-- --count 48] [--structure-count 24] [--verbose] [--essentia]
 *
 * Then the same on the extended club corpus (clubCorpus.ts), per group: BPM ±1 and ±4 % with
 * octaves allowed, key exact and MIREX, and on the energy ladders the share of steps that do not
 * go down and the Spearman within each ladder. `--essentia` adds Essentia's RhythmExtractor2013 and
 * KeyExtractor (bgate) as a reference row (dev-only, essentiaReference.ts; slow: ~5 s a clip).
 *
 * Generates the corpus if it is missing (scripts/corpus/analyzers/generate.ts), decodes every mp3
 * with ffmpeg.wasm to mono 11 025 Hz (as the decode workers do), runs the analyzers and prints:
 * BPM within ±1 BPM and within 4 % allowing half/double, key exact and MIREX weighted score, energy
 * Spearman rank correlation against the generated levels, beat-grid phase / downbeat accuracy
 * (also on the kick-attack × swing cases of beatCorpus.ts), and
 * energy agreement between mp3 and flac encodings of the same audio; then the structure analyzer and
 * auto cues on tracks with known sections (structureEval.ts).
 * @module
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { estimateTempo } from '../../src/core/analyzers/bpm/bpmAnalyzer';
import { estimateEnergy } from '../../src/core/analyzers/energy/energyAnalyzer';
import { estimateKey, phraseGridOf } from '../../src/core/analyzers/key/keyAnalyzer';
import { keyIndex, toCamelot, type MusicalKey } from '../../src/core/music/keys';
import { decodeToMono, encodePcm, loadFFmpegCore } from '../lib/ffmpegNode';
import { clipTruth, renderClip } from '../corpus/analyzers/clip';
import { planCorpus } from '../corpus/analyzers/corpusPlan';
import { planClubCorpus, UNAMBIGUOUS_KEY_GROUPS } from '../corpus/analyzers/clubCorpus';
import {
  CLUB_CORPUS_VERSION,
  CORPUS_SAMPLE_RATE,
  DEFAULT_CLUB_CORPUS_DIR,
  DEFAULT_CORPUS_DIR,
  generateClubCorpus,
  generateCorpus,
  readManifest,
  type CorpusManifest,
} from '../corpus/analyzers/generate';
import { ESSENTIA_SAMPLE_RATE, loadEssentia, type EssentiaReference } from './essentiaReference';
import { ladderSteps, mirexKeyScore, spearman } from './metrics';
import { scoreBeatGrid, summariseBeatScores, type BeatScore } from './beatMetrics';
import { planBeatCorpus } from '../corpus/analyzers/beatCorpus';
import { evalStructure } from './structureEval';

const ANALYSIS_RATE = 11025;
const TARGETS = { bpmWithin1: 0.95, mirex: 0.85, spearman: 0.8, phaseMedianMs: 3, phaseWithin10: 0.95, downbeat: 0.9 };

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

async function main(): Promise<void> {
  const dir = resolve(argValue('--dir') ?? DEFAULT_CORPUS_DIR);
  const verbose = process.argv.includes('--verbose');
  const count = Number(argValue('--count') ?? 48);
  let manifest = readManifest(dir);
  if (!manifest || manifest.clips.length !== count) manifest = await generateCorpus(dir, count, () => {});
  const core = await loadFFmpegCore();

  let bpm1 = 0;
  let bpmOctave = 0;
  let keyExact = 0;
  let mirex = 0;
  const beatScores: BeatScore[] = [];
  let analysisMs = 0;
  let audioSec = 0;
  const energies: number[] = [];
  const levels: number[] = [];
  for (const clip of manifest.clips) {
    const pcm = await decodeToMono(core, readFileSync(join(dir, clip.file)), ANALYSIS_RATE, 'in.mp3');
    const started = performance.now();
    const tempo = estimateTempo(pcm, ANALYSIS_RATE);
    const key = estimateKey(pcm, ANALYSIS_RATE, { grid: phraseGridOf(tempo) });
    const energy = estimateEnergy(pcm, ANALYSIS_RATE);
    analysisMs += performance.now() - started;
    audioSec += pcm.length / ANALYSIS_RATE;

    const within1 = tempo.bpm !== null && Math.abs(tempo.bpm - clip.bpm) <= 1;
    const octave = tempo.bpm !== null && [0.5, 1, 2].some((f) => Math.abs(tempo.bpm! / (clip.bpm * f) - 1) <= 0.04);
    bpm1 += within1 ? 1 : 0;
    bpmOctave += octave ? 1 : 0;
    beatScores.push(scoreBeatGrid(tempo, clip));
    const estimated: MusicalKey | null = key.key;
    const score = estimated ? mirexKeyScore(estimated, clip.key) : 0;
    keyExact += estimated && keyIndex(estimated) === keyIndex(clip.key) ? 1 : 0;
    mirex += score;
    energies.push(energy.score);
    levels.push(clip.energy);
    if (verbose || !within1 || score < 1) {
      console.log(
        `${clip.id} ${clip.style.padEnd(11)} bpm ${clip.bpm.toFixed(1)} → ${tempo.bpm ?? '—'} (${tempo.confidence})` +
          `  key ${toCamelot(clip.key)} → ${key.camelot ?? '—'} (${key.confidence}, mirex ${score})` +
          `  energy L${clip.energy} → ${energy.energy} [${energy.loudnessLufs} LUFS, ${energy.onsetsPerSec}/s, ${energy.centroidHz} Hz]`,
      );
    }
  }
  const n = manifest.clips.length;

  // Format stability: the same rendered audio as mp3 and as flac must get the same energy.
  const stabilityClips = planCorpus({ count }).slice(0, Math.min(8, count));
  const encoder = await loadFFmpegCore(); // a fresh instance: one core's heap does not last forever
  let sameEnergy = 0;
  let maxScoreDiff = 0;
  for (const spec of stabilityClips) {
    const pcm = renderClip(spec, CORPUS_SAMPLE_RATE);
    const mp3 = await encodePcm(encoder, pcm, CORPUS_SAMPLE_RATE, 1, 'out.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']);
    const flac = await encodePcm(encoder, pcm, CORPUS_SAMPLE_RATE, 1, 'out.flac', ['-c:a', 'flac']);
    const a = estimateEnergy(await decodeToMono(encoder, mp3, ANALYSIS_RATE, 'in.mp3'), ANALYSIS_RATE);
    const b = estimateEnergy(await decodeToMono(encoder, flac, ANALYSIS_RATE, 'in.flac'), ANALYSIS_RATE);
    sameEnergy += a.energy === b.energy ? 1 : 0;
    maxScoreDiff = Math.max(maxScoreDiff, Math.abs(a.score - b.score));
  }

  // Beat-grid cases: each kick attack shape × swing, rendered, through mp3 and back like the corpus.
  const beatClips = planBeatCorpus({ count: Number(argValue('--beat-count') ?? 32) });
  const beatCaseScores: BeatScore[] = [];
  let beatCore = await loadFFmpegCore();
  for (const [i, spec] of beatClips.entries()) {
    if (i > 0 && i % 6 === 0) beatCore = await loadFFmpegCore(); // a core's heap does not last forever
    const mp3 = await encodePcm(beatCore, renderClip(spec, CORPUS_SAMPLE_RATE), CORPUS_SAMPLE_RATE, 1, 'out.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']);
    const tempo = estimateTempo(await decodeToMono(beatCore, mp3, ANALYSIS_RATE, 'in.mp3'), ANALYSIS_RATE);
    const score = scoreBeatGrid(tempo, clipTruth(spec));
    beatCaseScores.push(score);
    if (verbose || score.phaseErrorSec > 0.01 || !score.downbeatRight) {
      console.log(
        `${spec.id} ${spec.style.padEnd(11)} kick ${spec.kickAttack} swing ${spec.swing} bpm ${spec.bpm} → ${tempo.gridBpm ?? '—'}  grid error ${(score.phaseErrorSec * 1000).toFixed(1)} ms  downbeat ${score.downbeatRight ? 'right' : 'wrong'}`,
      );
    }
  }
  const beats = summariseBeatScores([...beatScores, ...beatCaseScores]);
  const ms = (sec: number) => `${(sec * 1000).toFixed(1)} ms`;

  const rho = spearman(energies, levels);
  const lines = [
    `Analyzer accuracy on ${n} generated clips (${dir})`,
    `  BPM within ±1 BPM           ${pct(bpm1 / n)}   (target ≥ ${pct(TARGETS.bpmWithin1)})`,
    `  BPM within 4 %, octaves ok  ${pct(bpmOctave / n)}`,
    `  beat grid (${beats.count} clips: these ${n} + ${beatClips.length} kick-attack × swing cases), worst of first and last beat:`,
    `    phase error median        ${ms(beats.medianSec)}   (target ≤ ${TARGETS.phaseMedianMs} ms)`,
    `    within 10 ms              ${pct(beats.within10ms)}   (target ≥ ${pct(TARGETS.phaseWithin10)})`,
    `    downbeat (bar start) right ${pct(beats.downbeatRight)}   (target ≥ ${pct(TARGETS.downbeat)})`,
    `    main corpus only: median ${ms(summariseBeatScores(beatScores).medianSec)}, within 10 ms ${pct(summariseBeatScores(beatScores).within10ms)}, downbeat ${pct(summariseBeatScores(beatScores).downbeatRight)}; cases only: median ${ms(summariseBeatScores(beatCaseScores).medianSec)}, within 10 ms ${pct(summariseBeatScores(beatCaseScores).within10ms)}, downbeat ${pct(summariseBeatScores(beatCaseScores).downbeatRight)}`,
    `  key exact                   ${pct(keyExact / n)}`,
    `  key MIREX weighted score    ${(mirex / n).toFixed(3)}   (target ≥ ${TARGETS.mirex})`,
    `  energy Spearman vs levels   ${rho.toFixed(3)}   (target ≥ ${TARGETS.spearman})`,
    `  energy mp3 = flac           ${sameEnergy}/${stabilityClips.length} clips (max score difference ${maxScoreDiff.toFixed(3)})`,
    `  analysis speed              ${(audioSec / (analysisMs / 1000)).toFixed(0)}× real time (all three analyzers, one core)`,
  ];
  console.log(lines.join('\n'));
  const essentia = process.argv.includes('--essentia') ? loadEssentia() : null;
  const clubFailed = await evalClub(resolve(argValue('--club-dir') ?? DEFAULT_CLUB_CORPUS_DIR), essentia, verbose);
  const structureFailed = await evalStructure(Number(argValue('--structure-count') ?? 24), verbose);
  const failed =
    bpm1 / n < TARGETS.bpmWithin1 ||
    mirex / n < TARGETS.mirex ||
    rho < TARGETS.spearman ||
    clubFailed ||
    structureFailed ||
    beats.medianSec * 1000 > TARGETS.phaseMedianMs ||
    beats.within10ms < TARGETS.phaseWithin10 ||
    beats.downbeatRight < TARGETS.downbeat;
  if (failed) {
    console.log('Below target.');
    process.exitCode = 1;
  }
}

interface GroupTally {
  n: number;
  bpm1: number;
  bpmOctave: number;
  keyExact: number;
  mirex: number;
  refBpm1: number;
  refMirex: number;
  refKeyExact: number;
}

/** The club corpus, per group; returns whether a club target was missed. */
async function evalClub(dir: string, essentia: EssentiaReference | null, verbose: boolean): Promise<boolean> {
  const planned = planClubCorpus();
  let manifest: CorpusManifest | undefined = readManifest(dir, CLUB_CORPUS_VERSION);
  if (!manifest || manifest.clips.map((c) => c.id).join() !== planned.map((c) => c.id).join()) manifest = await generateClubCorpus(dir, () => {});
  let core = await loadFFmpegCore();
  let decoded = 0;
  const groups = new Map<string, GroupTally>();
  const ladders = new Map<string, { level: number; score: number; energy: number }[]>();
  for (const clip of manifest.clips) {
    const group = clip.group ?? 'other';
    const bytes = readFileSync(join(dir, clip.file));
    // A fresh core now and then: one core's heap does not last through many decodes.
    if (++decoded % 12 === 0) core = await loadFFmpegCore();
    const pcm = await decodeToMono(core, bytes, ANALYSIS_RATE, 'in.mp3');
    const tempo = estimateTempo(pcm, ANALYSIS_RATE);
    const key = estimateKey(pcm, ANALYSIS_RATE, { grid: phraseGridOf(tempo) });
    const energy = estimateEnergy(pcm, ANALYSIS_RATE);
    const t = groups.get(group) ?? { n: 0, bpm1: 0, bpmOctave: 0, keyExact: 0, mirex: 0, refBpm1: 0, refMirex: 0, refKeyExact: 0 };
    groups.set(group, t);
    t.n++;
    const within1 = tempo.bpm !== null && Math.abs(tempo.bpm - clip.bpm) <= 1;
    t.bpm1 += within1 ? 1 : 0;
    t.bpmOctave += tempo.bpm !== null && [0.5, 1, 2].some((f) => Math.abs(tempo.bpm! / (clip.bpm * f) - 1) <= 0.04) ? 1 : 0;
    const score = key.key ? mirexKeyScore(key.key, clip.key) : 0;
    t.mirex += score;
    t.keyExact += score === 1 ? 1 : 0;
    let refLine = '';
    if (essentia) {
      const ref = essentia.analyze(await decodeToMono(core, bytes, ESSENTIA_SAMPLE_RATE, 'in.mp3'));
      const refScore = ref.key ? mirexKeyScore(ref.key, clip.key) : 0;
      t.refBpm1 += Math.abs(ref.bpm - clip.bpm) <= 1 ? 1 : 0;
      t.refMirex += refScore;
      t.refKeyExact += refScore === 1 ? 1 : 0;
      refLine = `  essentia bpm ${ref.bpm} key ${ref.key ? toCamelot(ref.key) : '—'}`;
    }
    if (clip.ladder) {
      const rungs = ladders.get(clip.ladder) ?? [];
      rungs.push({ level: clip.energy, score: energy.score, energy: energy.energy ?? 0 });
      ladders.set(clip.ladder, rungs);
    }
    if (verbose || !within1 || score < 1) {
      console.log(
        `${clip.id.padEnd(14)} ${clip.style.padEnd(12)} bpm ${clip.bpm.toFixed(1)} → ${tempo.bpm ?? '—'} ` +
          `[${tempo.octaves.map((o) => `${o.bpm}:${o.score}`).join(' ')}]  key ${toCamelot(clip.key)} → ${key.camelot ?? '—'} (mirex ${score})` +
          `  energy L${clip.energy} → ${energy.energy} (${energy.score})${refLine}`,
      );
    }
  }
  const rows = [...groups.entries()];
  const fmtRow = (name: string, t: GroupTally, ref: boolean) =>
    `  ${name.padEnd(13)} ${String(t.n).padStart(3)}  ${pct((ref ? t.refBpm1 : t.bpm1) / t.n).padStart(7)}  ${ref ? '      —' : pct(t.bpmOctave / t.n).padStart(7)}  ${pct((ref ? t.refKeyExact : t.keyExact) / t.n).padStart(7)}  ${((ref ? t.refMirex : t.mirex) / t.n).toFixed(3)}`;
  const lines = [`Club corpus (${dir}), per group: clips, BPM ±1, BPM 4 % octaves ok, key exact, key MIREX`];
  for (const [name, t] of rows) {
    lines.push(fmtRow(name, t, false));
    if (essentia) lines.push(fmtRow(`  essentia`, t, true));
  }
  const total = rows.reduce<GroupTally>(
    (a, [, t]) => ({
      n: a.n + t.n,
      bpm1: a.bpm1 + t.bpm1,
      bpmOctave: a.bpmOctave + t.bpmOctave,
      keyExact: a.keyExact + t.keyExact,
      mirex: a.mirex + t.mirex,
      refBpm1: a.refBpm1 + t.refBpm1,
      refMirex: a.refMirex + t.refMirex,
      refKeyExact: a.refKeyExact + t.refKeyExact,
    }),
    { n: 0, bpm1: 0, bpmOctave: 0, keyExact: 0, mirex: 0, refBpm1: 0, refMirex: 0, refKeyExact: 0 },
  );
  lines.push(fmtRow('all', total, false));
  if (essentia) lines.push(fmtRow('  essentia', total, true));
  let steps = 0;
  let notDown = 0;
  let rhoSum = 0;
  for (const [name, rungs] of ladders) {
    rungs.sort((a, b) => a.level - b.level);
    const s = ladderSteps(rungs.map((r) => r.score));
    steps += s.steps;
    notDown += s.notDown;
    const rho = spearman(
      rungs.map((r) => r.score),
      rungs.map((r) => r.level),
    );
    rhoSum += rho;
    lines.push(`  ${name}: energy ${rungs.map((r) => r.energy).join(', ')} (scores ${rungs.map((r) => r.score).join(', ')}), Spearman ${rho.toFixed(3)}`);
  }
  const meanRho = ladders.size > 0 ? rhoSum / ladders.size : 0;
  lines.push(`  energy ladders: ${notDown}/${steps} steps do not go down, mean Spearman within ladders ${meanRho.toFixed(3)} (target 100 %, ≥ 0.9)`);
  console.log(lines.join('\n'));
  const unambiguous = rows.filter(([name]) => (UNAMBIGUOUS_KEY_GROUPS as readonly string[]).includes(name));
  const exactUnambiguous =
    unambiguous.reduce((s, [, t]) => s + t.keyExact, 0) /
    Math.max(
      1,
      unambiguous.reduce((s, [, t]) => s + t.n, 0),
    );
  return notDown < steps || meanRho < 0.9 || exactUnambiguous < 0.95 || (essentia !== null && total.mirex < total.refMirex);
}

await main();
