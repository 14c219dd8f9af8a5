#!/usr/bin/env node
// `npm test`: every test. Unit tests (vitest, Node), then a production build, then the end-to-end
// suite in headless system Chromium (installed with apt when missing).
import { ensureChromium, ensureDependencies, run } from './lib/ensure.mjs';

ensureDependencies();
run('npx tsc -p tsconfig.json --noEmit');
run('npx vitest run');
run('npx vitest run -c cli/vitest.config.ts');
process.env.CHROMIUM_PATH = ensureChromium();
run('npx vite build');
run('npx vitest run -c vitest.e2e.config.ts', { env: process.env });
