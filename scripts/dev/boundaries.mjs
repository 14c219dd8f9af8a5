// The import boundaries of docs/architecture.md, as an ESLint rule: one table, checked on every
// relative import (static, re-export and dynamic). A file's layer is the longest entry of LAYERS
// that its path starts with; it may import only from the layers it lists.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The core layer. The ONNX graph builder (models/onnx/) and the MERT-shaped graph (models/mertShapedModel.ts)
 * are pure TypeScript kept beside the model files; the checkpoint converter builds its graph with them,
 * so they are core code and obey core's rule. models/manifest.json is the bundled model list (data).
 */
const CORE = ['src/core', 'models/onnx', 'models/mertShapedModel', 'models/manifest.json'];

/** layer → the layers its files may import from (itself included where listed). */
export const LAYERS = {
  // Pure TypeScript for every host: nothing above it.
  'src/core': CORE,
  'models/onnx': CORE,
  'models/mertShapedModel.ts': CORE,
  // Browser adapters (IndexedDB, OPFS) over core's types.
  'src/storage': ['src/storage', ...CORE],
  // Worker entry points: thin shells over core, with storage where a worker owns files (OPFS).
  workers: ['workers', ...CORE, 'src/storage'],
  // The browser's composition root: the only place that wires storage, workers and core together
  // (package.json: the version written into exports).
  'src/app': ['src/app', ...CORE, 'src/storage', 'workers', 'package.json'],
  // React: the app layer for state and actions, core for pure functions and types (formatting a key,
  // compiling crate rules); never storage, workers or the CLI.
  'src/ui': ['src/ui', 'src/app', ...CORE],
  // The page's entry point mounts the UI on the app.
  'src/main.tsx': ['src/ui', 'src/app'],
  // The Node host: core plus its own Node adapters (ffmpeg core loader in scripts/lib, the ONNX graph
  // builder's types); never the browser's app, storage or UI.
  cli: ['cli', ...CORE, 'scripts/lib', 'models/onnx', 'package.json'],
};

/** Imports allowed for now, each with the reason it has not moved yet (none today: keep it that way). */
export const PENDING_EXCEPTIONS = [];

/** Tests (and test helpers in a test/ folder) may also use the test tools and fixtures in scripts/ and models/. */
const TEST_EXTRAS = ['scripts', 'models'];

const isTest = (path) => /\.test\.tsx?$/.test(path) || path.split('/').includes('test');

function layerOf(path) {
  let best;
  for (const layer of Object.keys(LAYERS)) {
    if ((path === layer || path.startsWith(`${layer}/`)) && (!best || layer.length > best.length)) best = layer;
  }
  return best;
}

const within = (path, area) => path === area || path.startsWith(`${area}/`) || path.replace(/\.[a-z]+$/, '') === area;

const layerImports = {
  meta: { type: 'problem', docs: { description: 'Imports follow the layers of docs/architecture.md' }, schema: [] },
  create(context) {
    const file = relative(repoRoot, context.filename).split('\\').join('/');
    const layer = layerOf(file);
    if (!layer) return {};
    const allowed = isTest(file) ? [...LAYERS[layer], ...TEST_EXTRAS] : LAYERS[layer];
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(repoRoot, resolve(dirname(context.filename), source))
        .split('\\')
        .join('/');
      if (allowed.some((area) => within(target, area))) return;
      if (PENDING_EXCEPTIONS.some((e) => e.from === layer && within(target, e.to))) return;
      context.report({
        node,
        message: `${layer} may import only from ${allowed.join(', ')} (docs/architecture.md, "Layers"); '${source}' is in ${layerOf(target) ?? target}.`,
      });
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const boundaryPlugin = { rules: { 'layer-imports': layerImports } };

export const boundaryRules = [{ plugins: { layers: boundaryPlugin }, rules: { 'layers/layer-imports': 'error' } }];
