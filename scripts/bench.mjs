#!/usr/bin/env node
// `npm run bench [-- --full] [--only scan,index] [--skip embed]`: every benchmark, one after the
// other (they would skew each other's timings if run together), with small sizes so the whole suite
// finishes in minutes on a 2-core machine. `--full` uses each benchmark's own defaults instead (the
// sizes the README figures come from). A failing benchmark is reported and the suite goes on; the
// exit code says whether all of them passed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ensureChromium, ensureDependencies } from './lib/ensure.mjs';

/** Suite order: cheap Node benches first, then the browser ones; small sizes for a quick run. */
const SUITE = [
  ['bench:scan', ['--files', '2000']],
  ['bench:decode', ['--tracks', '1', '--seconds', '150', '--formats', 'mp3']],
  ['bench:curves', ['--minutes', '2', '--repeat', '3']],
  ['bench:index', ['--sizes', '20000', '--queries', '200']],
  ['bench:index:browser', ['--sizes', '20000', '--queries', '200']],
  ['bench:interop', ['--tracks', '5000', '--repeat', '2']],
  ['bench:duplicates', ['--tracks', '5000', '--repeat', '1']],
  ['bench:ingest', ['--tracks', '24', '--seconds', '180', '--distinct', '4']],
  ['bench:cli', ['--tracks', '4', '--seconds', '180']],
  ['bench:embed', ['--models', 'builtin,mert-v1-95m', '--seconds-95m', '30']],
];

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const names = (text) =>
  new Set(
    (text ?? '')
      .split(',')
      .filter(Boolean)
      .map((n) => (n.startsWith('bench:') ? n : `bench:${n}`)),
  );
const full = args.includes('--full');
const only = names(option('only'));
const skip = names(option('skip'));
for (const name of [...only, ...skip]) {
  if (!SUITE.some(([known]) => known === name)) {
    console.error(`Unknown benchmark "${name}"; the suite has ${SUITE.map(([n]) => n).join(', ')}`);
    process.exit(2);
  }
}

ensureDependencies();
process.env.CHROMIUM_PATH = ensureChromium();
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};

const outcomes = [];
for (const [name, quick] of SUITE) {
  if ((only.size && !only.has(name)) || skip.has(name)) continue;
  if (!scripts[name]) {
    outcomes.push({ name, status: 'missing (no npm script)', seconds: 0 });
    continue;
  }
  const benchArgs = full ? [] : quick;
  console.log(`\n━━ npm run ${name}${benchArgs.length ? ` -- ${benchArgs.join(' ')}` : ''}`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', name, ...(benchArgs.length ? ['--', ...benchArgs] : [])], { stdio: 'inherit', env: process.env });
  const status = result.status === 0 ? 'ok' : `failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`;
  outcomes.push({ name, status, seconds: (Date.now() - started) / 1000 });
}

console.log(`\n━━ benchmark suite (${full ? 'full sizes' : 'quick sizes; --full for the README sizes'})`);
for (const { name, status, seconds } of outcomes) console.log(`${name.padEnd(22)} ${status.padEnd(28)} ${seconds.toFixed(0)} s`);
process.exitCode = outcomes.every((o) => o.status === 'ok') ? 0 : 1;
