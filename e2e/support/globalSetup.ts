import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { generateLibraryFixture } from '../../scripts/fixtures/libraryFixture';
import { startStaticServer } from './server';
import { buildMertShapedModel, MERT_SHAPES } from '../../models/mertShapedModel';
import { generateDecodeFixture } from '../../scripts/fixtures/decodeFixture';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    libraryFixturePath: string;
    decodeFixturePath: string;
    tinyModelPath: string;
    /** Full-depth (MERT-v1-95M / -330M layer count) narrow test models: id → precision → path. */
    depthModelPaths: Record<string, Record<'fp32' | 'fp16', string>>;
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
  // The MERT-shaped tiny test model (seeded random weights), as the app would get it from a file.
  const tiny = buildMertShapedModel(MERT_SHAPES.tiny, { precision: 'fp32', seed: 1 });
  const tinyModelPath = 'e2e/artifacts/mert-shaped-tiny-fp32.onnx';
  writeFileSync(tinyModelPath, tiny.model);
  project.provide('tinyModelPath', tinyModelPath);
  const depthModelPaths: Record<string, Record<'fp32' | 'fp16', string>> = {};
  for (const [shape, id] of [
    ['depth-95m', 'test-mert-95m-depth'],
    ['depth-330m', 'test-mert-330m-depth'],
  ] as const) {
    depthModelPaths[id] = { fp32: '', fp16: '' };
    for (const precision of ['fp32', 'fp16'] as const) {
      const path = `e2e/artifacts/${id}.${precision}.onnx`;
      writeFileSync(path, buildMertShapedModel(MERT_SHAPES[shape], { precision, seed: 1 }).model);
      depthModelPaths[id][precision] = path;
    }
  }
  project.provide('depthModelPaths', depthModelPaths);
}

export async function teardown() {
  stopServer?.();
}
