/**
 * npm run eval:embeddings — nearest-neighbour quality of each embedder on the generated labelled
 * corpus (scripts/corpus/embeddings/): 8 instrument families × 3 tempos × 2 keys, plus variants of
 * every third piece (MP3 vs FLAC, time-stretched ±4 %, another section).
 *
 * Embedders: builtin-dsp; the tiny MERT-shaped model with random weights (onnxruntime-web, WASM) —
 * it shows the ONNX path end to end, not MERT's quality; and random vectors, next to the exact
 * expectation of a random ranking.
 *
 *   npm run eval:embeddings [-- --no-onnx] [-- --json out.json]
 * @module
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { buildMertShapedModel, MERT_SHAPES } from '../../models/mertShapedModel';
import { embedBuiltin } from '../../src/core/embedding/builtin/builtinEmbedder';
import { bundledManifest, findOnnxModel, findVariant } from '../../src/core/embedding/manifest';
import { createValidatedSession } from '../../src/core/embedding/modelValidation';
import { OnnxEmbedder } from '../../src/core/embedding/onnxEmbedder';
import { l2Normalize } from '../../src/core/embedding/projection';
import { fnv1a32, mulberry32 } from '../../src/core/hash';
import { loadCorpus, type LoadedItem } from '../corpus/embeddings/corpus';
import { neighbourMetrics, randomRankingExpectation, type NeighbourMetrics, type Scored } from '../corpus/embeddings/metrics';
import { SAMPLE_RATE } from '../corpus/embeddings/synth';

const { values: args } = parseArgs({ options: { 'no-onnx': { type: 'boolean', default: false }, json: { type: 'string' } } });

interface Row {
  embedder: string;
  metrics: NeighbourMetrics;
  secondsPerClip: number | null;
}

async function score(name: string, items: LoadedItem[], embed: (item: LoadedItem) => Promise<Float32Array> | Float32Array): Promise<Row> {
  const started = performance.now();
  const scored: Scored[] = [];
  for (const item of items) scored.push({ ...item, vector: await embed(item) });
  const seconds = (performance.now() - started) / 1000;
  return { embedder: name, metrics: neighbourMetrics(scored), secondsPerClip: seconds / items.length };
}

function randomVector(id: string): Float32Array {
  const rng = mulberry32(fnv1a32(`random-baseline/${id}`));
  return l2Normalize(Float32Array.from({ length: 256 }, () => rng() - 0.5));
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`.padStart(8);

const items = await loadCorpus({ split: 'eval', log: (line) => console.log(line) });
const originals = items.filter((i) => i.variant === 'original').length;
console.log(`corpus: ${items.length} clips of ${items[0].pcm.length / SAMPLE_RATE} s (${originals} originals, ${items.length - originals} variants)\n`);

const rows: Row[] = [];
rows.push({ embedder: 'random ranking (expected)', metrics: randomRankingExpectation(items), secondsPerClip: null });
rows.push(await score('random vectors', items, (item) => randomVector(item.id)));
rows.push(await score('builtin-dsp', items, (item) => embedBuiltin([item.pcm], SAMPLE_RATE)));
if (!args['no-onnx']) {
  ort.env.wasm.numThreads = 1;
  const entry = findOnnxModel(bundledManifest, 'test-mert-tiny');
  const session = await createValidatedSession({
    ort,
    entry,
    variant: findVariant(entry, 'fp32'),
    modelBytes: buildMertShapedModel(MERT_SHAPES.tiny, { seed: 1 }).model,
  });
  const embedder = new OnnxEmbedder({ session, Tensor: ort.Tensor, entry });
  rows.push(await score('tiny MERT-shaped (random weights)', items, (item) => embedder.embed([item.pcm], SAMPLE_RATE)));
}

console.log(`${'embedder'.padEnd(36)}${'family@1'.padStart(9)}${'family@5'.padStart(9)}${'variant∈top5'.padStart(14)}   s/clip`);
for (const row of rows) {
  const m = row.metrics;
  console.log(
    `${row.embedder.padEnd(36)}${pct(m.familyTop1)} ${pct(m.familyTop5)} ${pct(m.variantInTop5).padStart(13)}   ${row.secondsPerClip === null ? '' : row.secondsPerClip.toFixed(3)}`,
  );
}
console.log('\nvariant∈top5 by kind:');
for (const row of rows.filter((r) => Object.keys(r.metrics.variantInTop5ByKind).length > 0)) {
  console.log(
    `  ${row.embedder.padEnd(34)} ${Object.entries(row.metrics.variantInTop5ByKind)
      .map(([k, v]) => `${k} ${(100 * v).toFixed(0)} %`)
      .join(', ')}`,
  );
}

const builtin = rows.find((r) => r.embedder === 'builtin-dsp')!.metrics;
const random = rows[0].metrics;
const verdict = builtin.familyTop1 >= 2 * random.familyTop1 + 0.3 && builtin.variantInTop5 >= 3 * random.variantInTop5 + 0.3;
console.log(
  `\nbuiltin-dsp vs random ranking: family@1 ×${(builtin.familyTop1 / random.familyTop1).toFixed(1)}, variant∈top5 ×${(builtin.variantInTop5 / random.variantInTop5).toFixed(1)} → ${verdict ? 'PASS' : 'FAIL'}`,
);
if (args.json) writeFileSync(args.json, JSON.stringify(rows, null, 2));
if (!verdict) process.exitCode = 1;
