// Shared by `npm start` and `npm test`: make a fresh clone ready without any manual step.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function run(command, options = {}) {
  console.log(`\n$ ${command}`);
  const started = Date.now();
  execSync(command, { stdio: 'inherit', ...options });
  // Where the time of `npm test` goes, step by step.
  console.log(`(${command}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** Install dependencies from the lockfile when node_modules is missing or stale. */
export function ensureDependencies() {
  if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/vite')) run('npm ci --no-audit --no-fund');
}

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  return process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

/** The e2e tests drive the system Chromium (Playwright's own browser download cannot work here). */
export function ensureChromium() {
  if (findChromium()) return findChromium();
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  run(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
  const found = findChromium();
  if (!found) throw new Error('Chromium is not installed and apt-get could not install it');
  return found;
}

/**
 * What the e2e suite runs against: the production build, and the launchers it starts and inspects
 * (their Node binaries come from the npm registry once, then from .cache/node-binaries).
 */
export function buildForE2e() {
  run('npx vite build');
  run('node scripts/bundle.mjs --reuse-build');
}

const canImportTorch = (python) => spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

/** A python3 that can import torch, for the converter's PyTorch reference test (apt's python3-torch when missing). */
export function ensurePythonTorch() {
  const candidates = ['python3', '/usr/bin/python3'];
  let found = candidates.find(canImportTorch);
  if (found) return found;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  run(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch`);
  found = candidates.find(canImportTorch);
  if (!found) throw new Error('python3-torch is not installed and apt-get could not install it');
  return found;
}
