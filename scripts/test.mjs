#!/usr/bin/env node
// `npm test`: every test. Type check and lint, unit tests (vitest, Node), then a production build and the bundle, then
// the end-to-end suite in headless system Chromium (installed with apt when missing).
import { buildForE2e, ensureChromium, ensureDependencies, ensurePythonTorch, run } from './lib/ensure.mjs';

ensureDependencies();
run('npx tsc -p tsconfig.json --noEmit');
// ESLint (bug rules, layer boundaries, one spelling, one error convention) and Prettier's check.
run('npm run -s lint');
// The checkpoint converter's proof against an independent PyTorch forward pass needs torch
process.env.PYTHON = ensurePythonTorch();
run('npx vitest run', { env: process.env });
run('npx vitest run -c cli/vitest.config.ts');
process.env.CHROMIUM_PATH = ensureChromium();
buildForE2e();
run('npx vitest run -c vitest.e2e.config.ts', { env: process.env });
