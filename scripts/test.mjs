#!/usr/bin/env node
// `npm test`: every test. Type check and lint, unit and CLI tests (vitest, Node) while a production build and the bundle are made, then
// the end-to-end suite in headless system Chromium (installed with apt when missing).
import { buildForE2eInBackground, ensureChromium, ensureDependencies, ensurePythonTorch, run } from './lib/ensure.mjs';

ensureDependencies();
run('npx tsc -p tsconfig.json --noEmit');
// ESLint (bug rules, layer boundaries, one spelling, one error convention) and Prettier's check.
run('npm run -s lint');
// The checkpoint converter's proof against an independent PyTorch forward pass needs torch
process.env.PYTHON = ensurePythonTorch();
// The production build and the launchers (e2e needs them) are made meanwhile on the other core.
const build = buildForE2eInBackground();
run('npx vitest run', { env: process.env });
run('npx vitest run -c cli/vitest.config.ts');
process.env.CHROMIUM_PATH = ensureChromium();
await build.finish();
run('npx vitest run -c vitest.e2e.config.ts', { env: process.env });
