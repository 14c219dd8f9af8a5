#!/usr/bin/env node
// `npm run test:e2e:stress`: the end-to-end suite three times back to back while a CPU hog keeps
// every core busy, as on a loaded CI machine. Builds once (app and launchers, as `npm test` does),
// prints each run's result and duration, and exits non-zero if any run failed.
//   node scripts/e2eStress.mjs [--runs N] [--no-build] [vitest arguments, e.g. e2e/crates.e2e.ts]
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { buildForE2e, ensureChromium, ensureDependencies } from './lib/ensure.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  return value;
};
const runs = Number(option('--runs') ?? 3);
const build = !args.includes('--no-build');
const vitestArgs = args.filter((a) => a !== '--no-build');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');

// One busy loop per core. Each child also checks that this script is still alive, so even a
// SIGKILL of the script cannot leave the hog running for more than half a second.
const HOG = `const parent = ${process.pid}; let checked = Date.now();
for (;;) if (Date.now() - checked > 500) { checked = Date.now(); try { process.kill(parent, 0); } catch { process.exit(0); } }`;
const cores = availableParallelism();
const hog = [];
function startHog() {
  for (let i = 0; i < cores; i++) hog.push(spawn(process.execPath, ['-e', HOG], { stdio: 'ignore' }));
  console.log(`CPU hog: ${hog.length} busy-loop processes (one per core), pids ${hog.map((c) => c.pid).join(' ')}`);
}
function stopHog() {
  for (const child of hog.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
let suite = null;
process.on('exit', () => {
  stopHog();
  suite?.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the hog and the suite`);
    process.exit(130);
  });
}

function runSuite() {
  return new Promise((resolve) => {
    suite = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '-c', 'vitest.e2e.config.ts', ...vitestArgs], {
      stdio: 'inherit',
      env: process.env,
    });
    suite.on('exit', (code, signal) => {
      suite = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

ensureDependencies();
process.env.CHROMIUM_PATH = ensureChromium();
if (build) buildForE2e();

const results = [];
try {
  startHog();
  for (let run = 1; run <= runs; run++) {
    console.log(`\n=== e2e stress run ${run} of ${runs} (all ${cores} cores loaded) ===`);
    const started = Date.now();
    const code = await runSuite();
    results.push({ run, passed: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
  }
} finally {
  stopHog();
}

const minutes = (s) => `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
console.log(`\ne2e stress summary (${cores} cores loaded by the hog):`);
for (const r of results) console.log(`  run ${r.run}: ${r.passed ? 'passed' : 'FAILED'} in ${minutes(r.seconds)}`);
const failed = results.filter((r) => !r.passed).length;
console.log(failed ? `${failed} of ${runs} runs failed` : `${runs} of ${runs} runs passed`);
process.exit(failed ? 1 : 0);
