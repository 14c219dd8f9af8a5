import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real static server (scripts/serve.mjs) in launcher mode, as a child process, on a folder with
// a secret beside the app. Requests are written raw on a socket: HTTP clients would normalize `..`.

const SECRET = 'SECRET-OUTSIDE-THE-APP';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** One raw HTTP/1.1 request; resolves with the status code and the body. */
function rawGet(port: number, target: string, host = '127.0.0.1'): Promise<{ status: number; body: string; headers: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, ...body] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: body.join('\r\n\r\n'), headers: head });
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

function startLauncher(appDir: string, stateDir: string, extra: string[] = []): Promise<{ child: ChildProcess; output: () => string; url: string }> {
  const child = spawn(process.execPath, ['scripts/serve.mjs', appDir, '--launcher', '--no-browser', ...extra], {
    env: { ...process.env, RBASSIST_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match && /To stop rbassist|already running/.test(output)) resolve({ child, output: () => output, url: match[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`launcher exited with ${code}: ${output}`)));
  });
}

describe('serve.mjs in launcher mode', () => {
  let dir: string;
  let port: number;
  let launcher: Awaited<ReturnType<typeof startLauncher>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbassist-serve-'));
    mkdirSync(join(dir, 'app', 'assets'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'app', 'index.html'), '<!doctype html><title>APP</title>');
    writeFileSync(join(dir, 'app', 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(dir, 'outside', 'secret.txt'), SECRET);
    writeFileSync(join(dir, 'app-secret.txt'), SECRET); // shares the app folder's name prefix
    symlinkSync(join(dir, 'outside', 'secret.txt'), join(dir, 'app', 'leak.txt'));
    symlinkSync(join(dir, 'outside'), join(dir, 'app', 'leakdir'));
    port = await freePort();
    // A remembered port (as a previous start left it) is used again: the origin stays the same.
    mkdirSync(join(dir, 'state'));
    writeFileSync(join(dir, 'state', 'launcher.json'), JSON.stringify({ port }));
    launcher = await startLauncher(join(dir, 'app'), join(dir, 'state'));
  });
  afterAll(() => {
    launcher?.child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 at the remembered port, with cross-origin isolation headers, and says how to stop', async () => {
    expect(launcher.url).toBe(`http://127.0.0.1:${port}/`);
    expect(launcher.output()).toMatch(/To stop rbassist: close this window, or press Ctrl\+C/);
    const index = await rawGet(port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>APP</title>');
    expect(index.headers).toMatch(/Cross-Origin-Opener-Policy: same-origin/i);
    expect(index.headers).toMatch(/Cross-Origin-Embedder-Policy: require-corp/i);
    expect((await rawGet(port, '/assets/main.js')).body).toBe('console.log(1)');
    expect((await rawGet(port, '/a/client/route')).body).toContain('<title>APP</title>');
    expect((await rawGet(port, '/assets/missing.js')).status).toBe(404);
  });

  it('does not listen beyond loopback', async () => {
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === 'IPv4');
    if (external) await expect(rawGet(port, '/', external.address)).rejects.toThrow(/ECONNREFUSED/);
    // And not on another loopback address either: it binds exactly 127.0.0.1.
    await expect(rawGet(port, '/', '127.0.0.2')).rejects.toThrow(/ECONNREFUSED/);
  });

  it.each([
    '/../outside/secret.txt',
    '/../app-secret.txt',
    '/%2e%2e/outside/secret.txt',
    '/%2E%2E%2Foutside%2Fsecret.txt',
    '/assets/%2e%2e/%2e%2e/outside/secret.txt',
    '/..%5coutside%5csecret.txt',
    '/..\\outside\\secret.txt',
    `/${'%2e%2e/'.repeat(12)}etc/passwd`,
    '/leak.txt',
    '/leakdir/secret.txt',
    '/C:/Windows/win.ini',
    '/secret.txt%00.js',
    '/%zz',
  ])('refuses %s', async (target) => {
    const response = await rawGet(port, target);
    expect(response.status, target).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('root:');
  });

  it('serves nothing outside the app for absolute paths and absolute-form targets', async () => {
    for (const target of [`/${join(dir, 'outside', 'secret.txt')}`, `//${join(dir, 'outside', 'secret.txt')}`, '/etc/passwd']) {
      const response = await rawGet(port, target);
      expect(response.body, target).not.toContain(SECRET);
      expect(response.body, target).not.toContain('root:');
    }
    expect((await rawGet(port, `http://127.0.0.1:${port}/../outside/secret.txt`)).status).toBe(400);
  });

  it('a second start finds the first one and does not take another port', async () => {
    const second = await startLauncher(join(dir, 'app'), join(dir, 'state'));
    expect(second.output()).toContain(`already running at http://127.0.0.1:${port}/`);
    await new Promise((resolve) => (second.child.exitCode !== null ? resolve(null) : second.child.on('exit', resolve)));
  });

  it('moves to the next free port when another program holds the remembered one, says so, and keeps remembering the first', async () => {
    const blocker = createNetServer((socket) => socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nnot rbassist'));
    const taken = await freePort();
    await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
    const state = join(dir, 'state-taken');
    mkdirSync(state);
    writeFileSync(join(state, 'launcher.json'), JSON.stringify({ port: taken }));
    try {
      const moved = await startLauncher(join(dir, 'app'), state);
      const movedPort = Number(new URL(moved.url).port);
      expect(movedPort).toBeGreaterThan(taken);
      expect(moved.output()).toMatch(new RegExp(`Port ${taken} is taken by another program`));
      expect(moved.output()).toMatch(/library starts empty/);
      expect(JSON.parse(readFileSync(join(state, 'launcher.json'), 'utf8'))).toEqual({ port: taken });
      moved.child.kill();
    } finally {
      blocker.close();
    }
  });

  it('a first start remembers the port it chose', async () => {
    const state = join(dir, 'state-new');
    const first = await startLauncher(join(dir, 'app'), state);
    const chosen = Number(new URL(first.url).port);
    expect(chosen).toBeGreaterThanOrEqual(4173);
    expect(JSON.parse(readFileSync(join(state, 'launcher.json'), 'utf8'))).toEqual({ port: chosen });
    first.child.kill();
  });

  it('refuses to start without an app folder, saying what is missing', async () => {
    await expect(startLauncher(join(dir, 'outside'), join(dir, 'state-none'))).rejects.toThrow(/No app found in .*index\.html is missing/);
  });
});
