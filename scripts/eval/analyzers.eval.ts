/**
 * Accuracy of the bpm / key / energy analyzers on the generated, labelled corpus.
 *
 *   npm run eval:analyzers [-- --count 48] [--verbose]
 *
 * Generates the corpus if it is missing (scripts/corpus/analyzers/generate.ts), decodes every mp3
 * with ffmpeg.wasm to mono 11 025 Hz (as the decode workers do), runs the analyzers and prints:
 * BPM within ±1 BPM and within 4 % allowing half/double, key exact and MIREX weighted score, energy
 * Spearman rank correlation against the generated levels, beat-phase / downbeat accuracy, and
 * energy agreement between mp3 and flac encodings of the same audio.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { estimateTempo } from '../../src/core/analyzers/bpm/bpmAnalyzer';
import { estimateEnergy } from '../../src/core/analyzers/energy/energyAnalyzer';
import { estimateKey } from '../../src/core/analyzers/key/keyAnalyzer';
import { keyIndex, toCamelot, type MusicalKey } from '../../src/core/music/keys';
import { decodeToMono, encodePcm, loadFFmpegCore } from '../lib/ffmpegNode';
import { renderClip } from '../corpus/analyzers/clip';
import { planCorpus } from '../corpus/analyzers/corpusPlan';
import { CORPUS_SAMPLE_RATE, DEFAULT_CORPUS_DIR, generateCorpus, readManifest } from '../corpus/analyzers/generate';
import { mirexKeyScore, spearman } from './metrics';

const ANALYSIS_RATE = 11025;
const TARGETS = { bpmWithin1: 0.95, mirex: 0.85, spearman: 0.8 };

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
  let beatPhaseOk = 0;
  let downbeatOk = 0;
  let anchors = 0;
  let analysisMs = 0;
  let audioSec = 0;
  const energies: number[] = [];
  const levels: number[] = [];
  for (const clip of manifest.clips) {
    const pcm = await decodeToMono(core, readFileSync(join(dir, clip.file)), ANALYSIS_RATE, 'in.mp3');
    const started = performance.now();
    const tempo = estimateTempo(pcm, ANALYSIS_RATE);
    const key = estimateKey(pcm, ANALYSIS_RATE);
    const energy = estimateEnergy(pcm, ANALYSIS_RATE);
    analysisMs += performance.now() - started;
    audioSec += pcm.length / ANALYSIS_RATE;

    const within1 = tempo.bpm !== null && Math.abs(tempo.bpm - clip.bpm) <= 1;
    const octave = tempo.bpm !== null && [0.5, 1, 2].some((f) => Math.abs(tempo.bpm! / (clip.bpm * f) - 1) <= 0.04);
    bpm1 += within1 ? 1 : 0;
    bpmOctave += octave ? 1 : 0;
    const beat = 60 / clip.bpm;
    const wrapped = (t: number, period: number) => {
      const d = (((t - clip.firstDownbeatSec) % period) + period) % period;
      return Math.min(d, period - d);
    };
    if (within1 && tempo.firstBeatSec !== null && wrapped(tempo.firstBeatSec, beat) < 0.05) beatPhaseOk++;
    if (tempo.anchorSec !== null) {
      anchors++;
      if (within1 && wrapped(tempo.anchorSec, 4 * beat) < 0.05) downbeatOk++;
    }
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

  const rho = spearman(energies, levels);
  const lines = [
    `Analyzer accuracy on ${n} generated clips (${dir})`,
    `  BPM within ±1 BPM           ${pct(bpm1 / n)}   (target ≥ ${pct(TARGETS.bpmWithin1)})`,
    `  BPM within 4 %, octaves ok  ${pct(bpmOctave / n)}`,
    `  beat phase within 50 ms     ${pct(beatPhaseOk / n)}`,
    `  downbeat anchor within 50 ms ${downbeatOk}/${anchors} anchored clips`,
    `  key exact                   ${pct(keyExact / n)}`,
    `  key MIREX weighted score    ${(mirex / n).toFixed(3)}   (target ≥ ${TARGETS.mirex})`,
    `  energy Spearman vs levels   ${rho.toFixed(3)}   (target ≥ ${TARGETS.spearman})`,
    `  energy mp3 = flac           ${sameEnergy}/${stabilityClips.length} clips (max score difference ${maxScoreDiff.toFixed(3)})`,
    `  analysis speed              ${(audioSec / (analysisMs / 1000)).toFixed(0)}× real time (all three analyzers, one core)`,
  ];
  console.log(lines.join('\n'));
  const failed = bpm1 / n < TARGETS.bpmWithin1 || mirex / n < TARGETS.mirex || rho < TARGETS.spearman;
  if (failed) {
    console.log('Below target.');
    process.exitCode = 1;
  }
}

await main();
