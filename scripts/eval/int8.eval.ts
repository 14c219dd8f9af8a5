/**
 * `npm run eval:int8 [-- --model mert-v1-95m --clips 8 --seconds 20]`: does the int8 variant keep
 * the fp32 model's embeddings? Builds the MERT-shaped model (seeded random weights at the real
 * model's size) in fp32 and int8, embeds generated club clips (several timbres, humanised, mastered:
 * scripts/corpus/analyzers) with the app's own OnnxEmbedder on onnxruntime-web's WASM backend (one
 * thread, as the CLI and the browser's embed worker run it), and prints the cosine between the two
 * vectors per clip and the int8 speed-up measured in the same run.
 * The figures are for random weights: trained weights have other value ranges, so the cosine is
 * re-checked on the real checkpoint's conversion when one is at hand.
 * @module
 */
import * as ort from 'onnxruntime-web';
import { buildMertShapedModel, MERT_SHAPES } from '../../models/mertShapedModel';
import type { Precision } from '../../models/onnx/graphBuilder';
import { renderClip } from '../corpus/analyzers/clip';
import { planCorpus } from '../corpus/analyzers/corpusPlan';
import { bundledManifest, findOnnxModel } from '../../src/core/embedding/manifest';
import { OnnxEmbedder } from '../../src/core/embedding/onnxEmbedder';
import { cosineSimilarity } from '../../src/core/index/vectorMath';

const flag = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const modelId = flag('model', 'mert-v1-95m') as 'mert-v1-95m' | 'mert-v1-330m';
const clipCount = Number(flag('clips', '8'));
const seconds = Number(flag('seconds', '20'));
const SAMPLE_RATE = bundledManifest.inputContract.sampleRate;
ort.env.wasm.numThreads = 1;

const entry = findOnnxModel(bundledManifest, modelId);
const clips = planCorpus({ count: clipCount, durationSec: seconds }).map((spec) => ({ id: spec.id, audio: renderClip(spec, SAMPLE_RATE) }));

async function embedAll(precision: Precision): Promise<{ vectors: Float32Array[]; ms: number; bytes: number }> {
  const { model } = buildMertShapedModel(MERT_SHAPES[modelId], { precision, seed: 1 });
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  const embedder = new OnnxEmbedder({ session: session as never, Tensor: ort.Tensor as never, entry });
  await embedder.embed([clips[0].audio.subarray(0, SAMPLE_RATE * 5)], SAMPLE_RATE); // warm-up: first-run allocations
  const vectors: Float32Array[] = [];
  const started = performance.now();
  for (const clip of clips) vectors.push(await embedder.embed([clip.audio], SAMPLE_RATE));
  const ms = performance.now() - started;
  await session.release();
  return { vectors, ms, bytes: model.byteLength };
}

const cosine = cosineSimilarity;

const fp32 = await embedAll('fp32');
const int8 = await embedAll('int8');
const cosines = clips.map((clip, i) => ({ id: clip.id, cosine: cosine(fp32.vectors[i], int8.vectors[i]) }));
const audioSeconds = clipCount * seconds;
console.log(`${entry.name}-shaped model (random weights), ${clipCount} generated clips × ${seconds} s, onnxruntime-web WASM, 1 thread`);
for (const c of cosines) console.log(`  ${c.id.padEnd(28)} cosine int8 vs fp32 ${c.cosine.toFixed(5)}`);
const worst = Math.min(...cosines.map((c) => c.cosine));
const mean = cosines.reduce((s, c) => s + c.cosine, 0) / cosines.length;
console.log(`cosine: min ${worst.toFixed(5)}, mean ${mean.toFixed(5)} (needs ≥ 0.99)`);
// The error only matters next to how far apart different clips are: compare with fp32's spread.
const between: number[] = [];
for (let i = 0; i < clips.length; i++) for (let j = i + 1; j < clips.length; j++) between.push(cosine(fp32.vectors[i], fp32.vectors[j]));
const meanBetween = between.reduce((s, c) => s + c, 0) / Math.max(1, between.length);
console.log(
  `fp32 cosine between different clips: mean ${meanBetween.toFixed(5)}, max ${Math.max(...between).toFixed(5)}; int8's distance to fp32 is ${((1 - mean) / (1 - meanBetween)).toFixed(3)} of the mean distance between clips`,
);
const nearest = (vectors: Float32Array[], i: number) => vectors.map((v, j) => ({ j, c: j === i ? -2 : cosine(vectors[i], v) })).sort((a, b) => b.c - a.c)[0].j;
const sameNeighbour = clips.filter((_, i) => nearest(fp32.vectors, i) === nearest(int8.vectors, i)).length;
console.log(`nearest other clip: the same under int8 and fp32 for ${sameNeighbour} of ${clips.length} clips`);
console.log(`fp32: ${(fp32.bytes / 1e6).toFixed(0)} MB, ${(audioSeconds / (fp32.ms / 1000)).toFixed(2)}× real time`);
console.log(
  `int8: ${(int8.bytes / 1e6).toFixed(0)} MB, ${(audioSeconds / (int8.ms / 1000)).toFixed(2)}× real time = ${(fp32.ms / int8.ms).toFixed(2)}× fp32's speed`,
);
if (worst < 0.99) process.exitCode = 1;
