import { loadCorpus } from './corpus';
import { trackFeatures, FEATURE_COUNT } from '../../../src/core/embedding/builtin/features';
let t = Date.now();
const items = await loadCorpus({ split: 'eval', log: console.log });
console.log(items.length, Date.now() - t); t = Date.now();
for (const it of items.slice(0, 5)) { const f = trackFeatures([it.pcm], 24000); console.log(it.id, it.pcm.length, f.length, FEATURE_COUNT, Array.from(f.slice(0, 5)).map(v => v.toFixed(2)).join(' ')); }
console.log('feat ms per item', (Date.now() - t) / 5);
