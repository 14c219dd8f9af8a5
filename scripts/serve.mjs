#!/usr/bin/env node
// rbassist's static server: `npm start`, the bundle, and the double-click launchers (this file is
// built into each launcher by scripts/bundle.mjs). Dependency-free: correct MIME types for wasm/mjs,
// cross-origin isolation headers, SPA fallback, and nothing served from outside the app folder.
//
//   node serve.mjs [dir] [--port 4173] [--host localhost] [--launcher] [--no-browser] [--no-isolation-headers]
//
// Launcher mode (a launcher, or --launcher): 127.0.0.1 only, the remembered port (first free from
// 4173 on the first start) so the browser keeps the library on one origin, opens the default browser.
import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { homedir } from 'node:os';
import { dirname, extname, join, sep } from 'node:path';
import { isSea } from 'node:sea';

const FIRST_PORT = 4173;
const PORTS_TO_TRY = 20;
const LOOPBACK = '127.0.0.1';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const flag = (name) => args.includes(`--${name}`);
// Any other "-x" argument (e.g. a "-psn_…" some macOS versions add) is not a folder.
const positional = args.find((a, i) => !a.startsWith('-') && !['--port', '--host'].includes(args[i - 1]));

const launcher = isSea() || flag('launcher');
// A launcher serves the app folder beside itself, wherever it was started from (a double-click
// starts it with the home folder as working directory).
const appDir = positional ?? (isSea() ? join(dirname(process.execPath), 'app') : 'dist');
const isolationHeaders = flag('no-isolation-headers')
  ? {}
  : { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

let root;
try {
  root = realpathSync(appDir);
  if (!statSync(join(root, 'index.html')).isFile()) throw new Error('not a file');
} catch {
  await fail(
    `No app found in ${appDir} (index.html is missing). ${launcher ? 'Keep the launcher next to its "app" folder, as it was unpacked.' : 'Build first (npm run build).'}`,
  );
}

/**
 * The file a request path names, or `forbidden` / `missing`. Decoded segments may not climb (`..`),
 * carry a drive or a backslash, or hide a NUL; symlinks are followed and must stay inside the root.
 */
function resolveInsideRoot(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { forbidden: 'malformed path' };
  }
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes('\\') || s.includes(':') || s.includes('\0'))) return { forbidden: 'path outside the app' };
  let real;
  try {
    real = realpathSync(join(root, ...segments));
  } catch {
    return { missing: true, segments };
  }
  if (real !== root && !real.startsWith(root + sep)) return { forbidden: 'link outside the app' };
  return { file: statSync(real).isDirectory() ? join(real, 'index.html') : real };
}

const server = createServer((req, res) => {
  const base = { ...isolationHeaders, 'X-Content-Type-Options': 'nosniff', 'X-Served-By': 'rbassist' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...base, Allow: 'GET, HEAD' }).end();
    return;
  }
  // Only origin-form targets ("/path"): an absolute URL or anything else is refused.
  if (!req.url?.startsWith('/')) {
    res.writeHead(400, base).end();
    return;
  }
  // Concatenated, not resolved against a base: "//host/x" must stay a path.
  const { pathname } = new URL(`http://${LOOPBACK}${req.url}`);
  // WHATWG URL parsing already folds literal `..`; the raw target is checked too.
  const rawPath = req.url.split('?')[0];
  let target = resolveInsideRoot(rawPath);
  if (!target.forbidden) target = resolveInsideRoot(pathname);
  if (target.forbidden) {
    res.writeHead(403, { ...base, 'Content-Type': 'text/plain; charset=utf-8' }).end(`Forbidden: ${target.forbidden}\n`);
    return;
  }
  if (target.missing) {
    // Client-side routes get the app; a missing file (it has an extension) is a plain 404.
    if (extname(target.segments.at(-1) ?? '')) {
      res.writeHead(404, { ...base, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    target = { file: join(root, 'index.html') };
  }
  let size;
  try {
    size = statSync(target.file).size;
  } catch {
    res.writeHead(404, base).end();
    return;
  }
  res.writeHead(200, {
    ...base,
    'Content-Type': TYPES[extname(target.file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(target.file).pipe(res);
});

if (launcher) await startLauncher();
else {
  const host = option('host') ?? process.env.HOST ?? 'localhost';
  const port = Number(option('port') ?? process.env.PORT ?? FIRST_PORT);
  server.on('error', (error) => fail(`Cannot listen on ${host}:${port}: ${error.message}`));
  server.listen(port, host, () => console.log(`rbassist is running at http://${host}:${server.address().port}/`));
}

async function startLauncher() {
  const state = readState();
  const home = Number(option('port') ?? state.port ?? FIRST_PORT);
  let port;
  for (let candidate = home; candidate < home + PORTS_TO_TRY && port === undefined; candidate++) {
    if (await listen(candidate)) port = candidate;
    else if (candidate === home && (await isRbassist(candidate))) {
      // Started twice: the first one keeps serving; just show it again.
      const url = `http://${LOOPBACK}:${candidate}/`;
      console.log(`rbassist is already running at ${url}`);
      openBrowser(url);
      return;
    }
  }
  if (port === undefined)
    return fail(`Ports ${home}–${home + PORTS_TO_TRY - 1} on ${LOOPBACK} are all in use. Close another program and start rbassist again.`);
  const url = `http://${LOOPBACK}:${port}/`;
  if (state.port === undefined && option('port') === undefined) writeState({ port });
  console.log(`rbassist is running at ${url}`);
  if (port !== home) {
    console.log(
      `\nPort ${home} is taken by another program, so rbassist uses ${port} this time.\n` +
        `Your browser keeps rbassist's library per address: on this address the library starts empty.\n` +
        `Close the other program and start rbassist again to get your library back at http://${LOOPBACK}:${home}/.\n`,
    );
  }
  openBrowser(url);
  console.log('Use it in Chrome or Edge; install it as an app from the address bar.');
  console.log('To stop rbassist: close this window, or press Ctrl+C.');
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function listen(port) {
  return new Promise((resolve) => {
    const onError = (error) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') console.error(`Cannot listen on ${LOOPBACK}:${port}: ${error.message}`);
      resolve(false);
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve(true);
    });
  });
}

function isRbassist(port) {
  return new Promise((resolve) => {
    const probe = request({ host: LOOPBACK, port, method: 'HEAD', path: '/', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.headers['x-served-by'] === 'rbassist');
    });
    probe.on('error', () => resolve(false));
    probe.on('timeout', () => probe.destroy());
    probe.end();
  });
}

function openBrowser(url) {
  if (flag('no-browser') || process.env.RBASSIST_NO_BROWSER) {
    console.log(`Open ${url} in Chrome or Edge.`);
    return;
  }
  const [command, ...commandArgs] =
    process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : process.platform === 'darwin' ? ['open', url] : ['xdg-open', url];
  // Verbatim on Windows: Node would otherwise escape start's empty "" title into a literal title.
  const child = spawn(command, commandArgs, { stdio: 'ignore', detached: true, windowsHide: true, windowsVerbatimArguments: true });
  child.on('error', () => console.log(`Could not open a browser: open ${url} in Chrome or Edge.`));
  child.unref();
}

/** Where the launcher remembers its port: the user's settings folder (the bundle may be read-only). */
function stateFile() {
  const dir =
    process.env.RBASSIST_STATE_DIR ??
    (process.platform === 'win32'
      ? join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'rbassist')
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support', 'rbassist')
        : join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'rbassist'));
  return join(dir, 'launcher.json');
}

function readState() {
  try {
    const state = JSON.parse(readFileSync(stateFile(), 'utf8'));
    return Number.isInteger(state.port) && state.port > 0 && state.port < 65536 ? state : {};
  } catch {
    return {};
  }
}

function writeState(state) {
  try {
    mkdirSync(dirname(stateFile()), { recursive: true });
    writeFileSync(stateFile(), JSON.stringify(state));
  } catch (error) {
    console.log(`(Could not remember the port in ${stateFile()}: ${error.message})`);
  }
}

/** Print why and exit; awaited by callers (a launcher waits for Enter first). */
function fail(message) {
  console.error(message);
  // A double-clicked launcher's window would close at once: keep the message readable.
  if (launcher && process.stdin.isTTY) {
    console.error('Press Enter to close.');
    process.stdin.once('data', () => process.exit(1));
    return new Promise(() => {});
  }
  process.exit(1);
}
