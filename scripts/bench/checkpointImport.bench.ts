/**
 * `npm run bench:import [-- --model mert-v1-95m|mert-v1-330m] [--precision fp32|fp16|both]`: peak
 * memory of `rbassist model import` on a random-weights checkpoint of the real model's size
 * (safetensors, F32). The import runs in a child process under /usr/bin/time, so its peak resident
 * set is the kernel's figure; it is reported next to the checkpoint's and the ONNX files' sizes.
 * A second child runs the conversion alone (no probe run), to show what the converter itself holds.
 * A memory figure, not a speed one: it holds on a busy machine.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream, openAsBlob, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MERT_SHAPES } from '../../models/mertShapedModel';
import type { Precision } from '../../models/onnx/graphBuilder';
import { encodeSafetensors, huggingFaceConfig, randomGraphWeights, toHuggingFaceStateDict } from '../../models/testCheckpoint';
import { blobByteSource } from '../../src/core/checkpoint/byteSource';
import { convertCheckpoint } from '../../src/core/checkpoint/convert';
import { bundledManifest, findOnnxModel } from '../../src/core/embedding/manifest';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const model = arg('model', 'mert-v1-95m');
const precision = arg('precision', 'both');
const shape = MERT_SHAPES[model as keyof typeof MERT_SHAPES];
if (!shape) throw new Error(`Unknown model ${model}: use mert-v1-95m or mert-v1-330m`);

const MB = 1024 * 1024;
const precisions: Precision[] = precision === 'both' ? ['fp32', 'fp16'] : [precision as Precision];

const convertOnly = process.argv.indexOf('--convert-only');
if (convertOnly >= 0) {
  // Child: the converter alone, writing the files (what `model import` does before its probe runs).
  const [folder, out] = process.argv.slice(convertOnly + 1, convertOnly + 3);
  await convertCheckpoint({
    entry: findOnnxModel(bundledManifest, model),
    configJson: readFileSync(join(folder, 'config.json'), 'utf8'),
    weights: blobByteSource(await openAsBlob(join(folder, 'model.safetensors')), 'model.safetensors'),
    weightsFileName: 'model.safetensors',
    precisions,
    onModel: (p, streamed) => pipeline(Readable.from(streamed.chunks()), createWriteStream(join(out, `${p}.onnx`))),
  });
  process.exit(0);
}

function peakRssKb(stderr: string): number {
  return Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1]);
}

const dir = mkdtempSync(join(tmpdir(), 'rbassist-import-bench-'));
try {
  const folder = join(dir, 'checkpoint');
  mkdirSync(folder);
  writeFileSync(join(folder, 'config.json'), JSON.stringify(huggingFaceConfig(shape)));
  writeFileSync(join(folder, 'model.safetensors'), encodeSafetensors(toHuggingFaceStateDict(shape, randomGraphWeights(shape, 1))));
  const checkpointBytes = statSync(join(folder, 'model.safetensors')).size;
  const state = join(dir, 'state');
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'peak-rss-kb %M',
      process.execPath,
      'cli/rbassist.mjs',
      'model',
      'import',
      folder,
      '--model',
      model,
      '--precision',
      precision,
      '--accept-licence',
      '--state',
      state,
    ],
    { encoding: 'utf8', maxBuffer: 64 * MB },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`The import failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const peakKb = peakRssKb(run.stderr);
  const convertRun = spawnSync(
    '/usr/bin/time',
    ['-f', 'peak-rss-kb %M', process.execPath, '--import', 'tsx', process.argv[1], '--model', model, '--precision', precision, '--convert-only', folder, dir],
    {
      encoding: 'utf8',
    },
  );
  if (convertRun.status !== 0) throw new Error(`The conversion failed (exit ${convertRun.status}):\n${convertRun.stderr}`);
  const convertKb = peakRssKb(convertRun.stderr);
  const files = readdirSync(join(state, 'models')).map((name) => ({ name, bytes: statSync(join(state, 'models', name)).size }));
  const fp32 = files.find((f) => f.name.includes('fp32'))?.bytes ?? Math.max(...files.map((f) => f.bytes));
  console.log(`model ${model}, precision ${precision}`);
  console.log(`checkpoint  ${(checkpointBytes / MB).toFixed(0)} MB (safetensors, F32)`);
  for (const f of files) console.log(`written     ${f.name} ${(f.bytes / MB).toFixed(0)} MB`);
  console.log(
    `peak RSS    ${(peakKb / 1024).toFixed(0)} MB for the import = ${((peakKb * 1024) / checkpointBytes).toFixed(2)}× the checkpoint, ${((peakKb * 1024) / fp32).toFixed(2)}× the largest ONNX file`,
  );
  console.log(
    `            ${(convertKb / 1024).toFixed(0)} MB for the conversion alone (no probe runs) = ${((convertKb * 1024) / checkpointBytes).toFixed(2)}× the checkpoint`,
  );
  console.log(`wall time   ${seconds.toFixed(0)} s (conversion + probe runs; machine load varies)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
