/**
 * Feature-group ablation of the built-in embedder: family agreement with each group alone and with
 * each group removed. Tune weights on the calibration split (the default) and only confirm on the
 * evaluation split, so the reported figures are not fitted to the data they are measured on.
 *
 *   npx tsx scripts/corpus/embeddings/ablate-builtin.ts [calibration|eval]
 * @module
 */
import { FEATURE_GROUPS, trackFeatures } from '../../../src/core/embedding/builtin/features';
import { STANDARDISATION } from '../../../src/core/embedding/builtin/standardisation';
import { l2Normalize } from '../../../src/core/embedding/projection';
import { loadCorpus } from './corpus';
import { neighbourMetrics } from './metrics';
import { SAMPLE_RATE } from './synth';

const split = process.argv[2] === 'eval' ? 'eval' : 'calibration';
const items = (await loadCorpus({ split, log: console.log })).filter((item) => item.variant === 'original');
const raw = items.map((item) => trackFeatures([item.pcm], SAMPLE_RATE));

function score(weights: Record<string, number>): string {
  const scored = items.map((item, n) => {
    const v = new Float32Array(raw[n].length);
    let i = 0;
    for (const g of FEATURE_GROUPS) {
      const w = (weights[g.name] ?? 0) / Math.sqrt(g.size);
      for (let k = 0; k < g.size; k++, i++) v[i] = ((raw[n][i] - STANDARDISATION.means[i]) / STANDARDISATION.scales[i]) * w;
    }
    return { ...item, vector: l2Normalize(v) };
  });
  const m = neighbourMetrics(scored);
  return `family@1 ${(100 * m.familyTop1).toFixed(0).padStart(3)} %  family@5 ${(100 * m.familyTop5).toFixed(0).padStart(3)} %`;
}

const current = Object.fromEntries(FEATURE_GROUPS.map((g) => [g.name, g.weight]));
console.log(`${split} split, ${items.length} originals; current weights: ${score(current)}`);
for (const g of FEATURE_GROUPS) {
  console.log(`  ${g.name.padEnd(14)} alone: ${score({ [g.name]: 1 })}   without: ${score({ ...current, [g.name]: 0 })}`);
}
