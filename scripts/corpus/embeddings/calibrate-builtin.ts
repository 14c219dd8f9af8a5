/**
 * Computes the built-in embedder's fixed standardisation constants (per-feature mean and spread)
 * on the calibration split of the generated corpus — disjoint seeds, tempos and keys from the
 * evaluation split — and writes src/core/embedding/builtin/standardisation.ts.
 *
 *   npx tsx scripts/corpus/embeddings/calibrate-builtin.ts
 * @module
 */
import { writeFileSync } from 'node:fs';
import { FEATURE_COUNT, FEATURE_GROUPS, trackFeatures } from '../../../src/core/embedding/builtin/features';
import { loadCorpus } from './corpus';
import { SAMPLE_RATE } from './synth';

const items = await loadCorpus({ split: 'calibration', log: console.log });
const rows = items.map((item) => trackFeatures([item.pcm], SAMPLE_RATE));
const means = new Float64Array(FEATURE_COUNT);
const spreads = new Float64Array(FEATURE_COUNT);
for (const row of rows) for (let i = 0; i < FEATURE_COUNT; i++) means[i] += row[i] / rows.length;
for (const row of rows) for (let i = 0; i < FEATURE_COUNT; i++) spreads[i] += (row[i] - means[i]) ** 2 / rows.length;
for (let i = 0; i < FEATURE_COUNT; i++) spreads[i] = Math.sqrt(spreads[i]);

// Histogram groups share one mean and σ over all their bins (see FEATURE_GROUPS). Elsewhere, a
// feature that hardly varies in calibration must not be blown up by a tiny σ: floor each σ at a
// quarter of its group's median σ.
let start = 0;
for (const group of FEATURE_GROUPS) {
  if (group.shared) {
    const end = start + group.size;
    let mean = 0;
    for (let i = start; i < end; i++) mean += means[i] / group.size;
    let variance = 0;
    for (const row of rows) for (let i = start; i < end; i++) variance += (row[i] - mean) ** 2 / (rows.length * group.size);
    means.fill(mean, start, end);
    spreads.fill(Math.sqrt(variance), start, end);
    start = end;
    continue;
  }
  const sorted = Array.from(spreads.subarray(start, start + group.size)).sort((a, b) => a - b);
  const floor = Math.max(1e-6, 0.25 * sorted[Math.floor(sorted.length / 2)]);
  for (let i = start; i < start + group.size; i++) spreads[i] = Math.max(spreads[i], floor);
  start += group.size;
}

const format = (values: Float64Array) => {
  const numbers = Array.from(values, (v) => Number(v.toPrecision(5)));
  const lines: string[] = [];
  for (let i = 0; i < numbers.length; i += 10) lines.push(`    ${numbers.slice(i, i + 10).join(', ')},`);
  return lines.join('\n');
};

const source = `/**
 * Fixed standardisation constants of the built-in embedder's ${FEATURE_COUNT} features, computed by
 * scripts/corpus/embeddings/calibrate-builtin.ts on the calibration split of the generated corpus
 * (${rows.length} clips; synthetic, disjoint from the evaluation split). Generated file: do not edit
 * by hand; changing it changes every built-in vector (bump BUILTIN_FEATURE_VERSION).
 */
export const STANDARDISATION: { readonly means: readonly number[]; readonly scales: readonly number[] } = {
  means: [
${format(means)}
  ],
  scales: [
${format(spreads)}
  ],
};
`;
writeFileSync('src/core/embedding/builtin/standardisation.ts', source);
console.log(`wrote src/core/embedding/builtin/standardisation.ts (${FEATURE_COUNT} features from ${rows.length} calibration clips)`);
