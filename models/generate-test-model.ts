/**
 * Writes a MERT-shaped ONNX model with seeded random weights (see mertShapedModel.ts).
 *
 *   npx tsx models/generate-test-model.ts [--shape tiny|mert-v1-95m|mert-v1-330m] [--hidden N] [--layers N]
 *        [--heads N] [--intermediate N] [--precision fp32|fp16|int8] [--seed N] [--external-data] [--out file.onnx]
 *
 * Default: the tiny shape, fp32, written to .cache/models/mert-shaped-tiny-fp32.onnx.
 * @module
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildMertShapedModel, MERT_SHAPES, type MertShapeConfig } from './mertShapedModel';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'tiny' },
    hidden: { type: 'string' },
    layers: { type: 'string' },
    heads: { type: 'string' },
    intermediate: { type: 'string' },
    precision: { type: 'string', default: 'fp32' },
    seed: { type: 'string', default: '1' },
    'external-data': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const base = MERT_SHAPES[values.shape as keyof typeof MERT_SHAPES];
if (!base) throw new Error(`Unknown --shape ${values.shape}; use one of ${Object.keys(MERT_SHAPES).join(', ')}`);
if (values.precision !== 'fp32' && values.precision !== 'fp16' && values.precision !== 'int8')
  throw new Error(`--precision must be fp32, fp16 or int8, got ${values.precision}`);
const int = (text: string | undefined, fallback: number) => (text === undefined ? fallback : Number.parseInt(text, 10));
const config: MertShapeConfig = {
  ...base,
  hiddenSize: int(values.hidden, base.hiddenSize),
  layers: int(values.layers, base.layers),
  heads: int(values.heads, base.heads),
  intermediateSize: int(values.intermediate, base.intermediateSize),
};

const out = values.out ?? join('.cache', 'models', `mert-shaped-${values.shape}-${values.precision}.onnx`);
const externalDataFile = values['external-data'] ? `${basename(out)}.data` : undefined;
const started = Date.now();
const built = buildMertShapedModel(config, { precision: values.precision, seed: int(values.seed, 1), externalDataFile });
mkdirSync(dirname(out) || '.', { recursive: true });
writeFileSync(out, built.model);
if (externalDataFile) {
  const stream = createWriteStream(join(dirname(out), externalDataFile));
  for (const piece of built.externalData) stream.write(piece);
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
console.log(
  `${out}: hidden ${config.hiddenSize}, ${config.layers} layers (${config.layers + 1} hidden states), ${values.precision}, ${built.parameters} parameters, ` +
    `${built.model.byteLength} bytes` +
    (externalDataFile ? ` + ${built.externalDataBytes} bytes in ${externalDataFile}` : '') +
    ` (${Date.now() - started} ms)`,
);
