#!/usr/bin/env node
// `npm run bundle`: the "file bundle" install. Builds the app and zips it with its own static server:
//   unzip rbassist-bundle.zip && node rbassist/serve.mjs     → open http://localhost:4173/
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ensureDependencies, run } from './lib/ensure.mjs';

ensureDependencies();
run('npx vite build');
rmSync('bundle', { recursive: true, force: true });
mkdirSync('bundle/rbassist', { recursive: true });
run('cp -R dist bundle/rbassist/app');
copyFileSync('scripts/serve.mjs', 'bundle/rbassist/serve.mjs');
writeFileSync(
  'bundle/rbassist/README.txt',
  'rbassist static bundle\n\nServe it (Node 18+):  node serve.mjs app\nThen open http://localhost:4173/ in Chrome or Edge and install it from the address bar.\n' +
    'Any static server works if it sends Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp\n' +
    'and serves .wasm as application/wasm. After the first visit the app works offline.\n',
);
// serve.mjs defaults to ./dist; in the bundle the app lives in ./app, so ship a default too.
writeFileSync('bundle/rbassist/package.json', JSON.stringify({ name: 'rbassist-bundle', private: true, type: 'module', scripts: { start: 'node serve.mjs app' } }, null, 2));
// zip where available (every OS opens it), else a tarball.
let archive = 'rbassist-bundle.zip';
try {
  run('cd bundle && zip -qr -X rbassist-bundle.zip rbassist');
} catch {
  archive = 'rbassist-bundle.tar.gz';
  run('cd bundle && tar -czf rbassist-bundle.tar.gz rbassist');
}
console.log(`\nBundle: bundle/${archive}\nServe:  unpack it, then: node rbassist/serve.mjs rbassist/app   → http://localhost:4173/`);
