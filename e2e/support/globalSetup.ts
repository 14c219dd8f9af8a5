import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { generateLibraryFixture } from '../../scripts/fixtures/libraryFixture';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    libraryFixturePath: string;
  }
}

let server: ChildProcess | undefined;

/** Serve the production build (dist/) the way users run it, and generate the test library once. */
export async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` first (npm test does)');
  mkdirSync('e2e/artifacts', { recursive: true });
  const fixturePath = 'e2e/artifacts/library-fixture.json';
  writeFileSync(fixturePath, JSON.stringify(await generateLibraryFixture()));

  server = spawn(process.execPath, ['scripts/serve.mjs', 'dist', '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('static server did not start')), 15_000);
    server!.stdout!.on('data', (chunk: Buffer) => {
      const match = /running at (http:\/\/\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('127.0.0.1', 'localhost'));
      }
    });
    server!.on('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  project.provide('baseUrl', url);
  project.provide('libraryFixturePath', fixturePath);
}

export async function teardown() {
  server?.kill();
}
