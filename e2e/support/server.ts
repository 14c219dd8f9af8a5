import { spawn, type ChildProcess } from 'node:child_process';

/** Start scripts/serve.mjs on a free port; resolves with its URL and a stop function. */
export async function startStaticServer(dir = 'dist', extraArgs: string[] = []): Promise<{ url: string; stop: () => void }> {
  const server: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs', dir, '--port', '0', '--host', '127.0.0.1', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('static server did not start')), 15_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      const match = /running at (http:\/\/\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        // "localhost" is a secure context, like 127.0.0.1, and is what users open.
        resolve(match[1].replace('127.0.0.1', 'localhost'));
      }
    });
    server.on('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  return { url, stop: () => server.kill() };
}
