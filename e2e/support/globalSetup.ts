import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { generateLibraryFixture } from '../../scripts/fixtures/libraryFixture';
import { startStaticServer } from './server';
import { generateDecodeFixture } from '../../scripts/fixtures/decodeFixture';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    libraryFixturePath: string;
    decodeFixturePath: string;
  }
}

let stopServer: (() => void) | undefined;

/** Serve the production build (dist/) the way users run it, and generate the test library once. */
export async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` first (npm test does)');
  mkdirSync('e2e/artifacts', { recursive: true });
  const fixturePath = 'e2e/artifacts/library-fixture.json';
  writeFileSync(fixturePath, JSON.stringify(await generateLibraryFixture()));
  const decodeFixturePath = 'e2e/artifacts/decode-fixture.json';
  writeFileSync(decodeFixturePath, JSON.stringify(await generateDecodeFixture()));

  const server = await startStaticServer('dist');
  stopServer = server.stop;
  const url = server.url;
  project.provide('baseUrl', url);
  project.provide('libraryFixturePath', fixturePath);
  project.provide('decodeFixturePath', decodeFixturePath);
}

export async function teardown() {
  stopServer?.();
}
