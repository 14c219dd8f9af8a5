// Shared by `npm start` and `npm test`: make a fresh clone ready without any manual step.
import { execSync, spawn, spawnSync } from 'node:child_process';
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

/**
 * buildForE2e in a child process, while the caller goes on (npm test runs the unit and CLI tests
 * meanwhile: vitest keeps one core busy on this 2-core machine, the build and zips take the other).
 * Its output is held back and printed when `finish()` is awaited, so the two logs do not interleave.
 */
export function buildForE2eInBackground() {
  const started = Date.now();
  const self = JSON.stringify(import.meta.url);
  const child = spawn(process.execPath, ['--input-type=module', '-e', `(await import(${self})).buildForE2e()`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  // Never leave the build running if npm test stops early (a failed unit test, Ctrl+C).
  const stop = () => child.exitCode === null && child.kill();
  process.on('exit', stop);
  return {
    async finish() {
      const status = await exited;
      process.off('exit', stop);
      console.log(`\n$ npx vite build && node scripts/bundle.mjs --reuse-build (in the background)`);
      process.stdout.write(Buffer.concat(output));
      console.log(`(build and bundle: ${((Date.now() - started) / 1000).toFixed(0)} s, alongside the tests before it)`);
      if (status !== 0) throw new Error(`The build or the bundle failed (${status}): see its output above`);
    },
  };
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
