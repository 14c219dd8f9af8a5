/**
 * essentia.js is AGPL-3.0: the dev-only reference must never reach the app, the workers or the CLI.
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

describe('essentia.js stays dev-only', () => {
  it('is imported by no file under src/, workers/ or cli/', () => {
    const offenders = ['src', 'workers', 'cli'].flatMap(sources).filter((file) => /essentia/i.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
