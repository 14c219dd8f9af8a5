#!/usr/bin/env node
// A dependency-free static server for the built app (also shipped inside the bundle):
// correct MIME types for wasm/mjs, cross-origin isolation headers, SPA fallback.
// Usage: node serve.mjs [dir] [--port 4173] [--host 127.0.0.1]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const root = resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'dist');
const port = Number(option('port', process.env.PORT ?? 4173));
const host = option('host', process.env.HOST ?? 'localhost');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.map': 'application/json',
  '.onnx': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
};

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No index.html in ${root}. Build first (npm run build).`);
  process.exit(1);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  let path = normalize(join(root, decodeURIComponent(url.pathname)));
  if (!path.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(path) || statSync(path).isDirectory()) {
    const index = join(path, 'index.html');
    path = existsSync(index) ? index : join(root, 'index.html');
  }
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  const immutable = url.pathname.startsWith('/assets/');
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': statSync(path).size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(path).pipe(res);
});

server.listen(port, host, () => {
  const address = server.address();
  console.log(`rbassist is running at http://${host}:${typeof address === 'object' && address ? address.port : port}/`);
});
