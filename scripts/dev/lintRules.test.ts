import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { americanize } from './spellingRules.mjs';

// The project's own config on the repository's own paths: what `npm run lint` reports.
const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer imports', () => {
  it('keeps the UI away from storage and workers, and lets it use app and core', async () => {
    expect(await problems('src/ui/Example.tsx', "import { database } from '../storage/db';\nexport const x = database;\n")).toEqual([
      expect.stringContaining('layers/layer-imports: src/ui may import only from src/ui, src/app'),
    ]);
    expect(
      await problems('src/ui/Example.tsx', "import type { IndexWorkerApi } from '../../workers/index.worker';\nexport type X = IndexWorkerApi;\n"),
    ).toHaveLength(1);
    expect(
      await problems(
        'src/ui/Example.tsx',
        "import { formatKey } from '../core/music/keys';\nimport { PRESET_LIST } from '../app/presets';\nexport const x = [formatKey, PRESET_LIST];\n",
      ),
    ).toEqual([]);
  });

  it('keeps core free of everything above it, and the CLI off the browser app', async () => {
    expect(await problems('src/core/library/example.ts', "import { Store } from '../../app/store';\nexport const x = Store;\n")).toHaveLength(1);
    expect(await problems('src/core/library/example.ts', "export const load = () => import('../../storage/db');\n")).toHaveLength(1);
    expect(await problems('cli/commands/example.ts', "export { SettingsService } from '../../src/app/settings';\n")).toHaveLength(1);
    expect(
      await problems('cli/commands/example.ts', "import { DEFAULT_SETTINGS } from '../../src/core/settings';\nexport const x = DEFAULT_SETTINGS;\n"),
    ).toEqual([]);
  });
});

describe('error convention', () => {
  it('names error classes SomethingError and words caught errors with errorMessage', async () => {
    expect(await problems('src/app/example.ts', 'export class WorkerLost extends Error {}\n')).toEqual([expect.stringContaining('named SomethingError')]);
    expect(await problems('src/app/example.ts', 'export class WorkerLostError extends Error {}\n')).toEqual([]);
    expect(await problems('src/app/example.ts', 'export const m = (e: unknown) => (e as Error).message;\n')).toEqual([
      expect.stringContaining('errorMessage(e)'),
    ]);
    expect(await problems('src/app/example.ts', 'export const m = (e: unknown) => (e instanceof Error ? e.message : String(e));\n')).toEqual([
      expect.stringContaining('errorMessage(e)'),
    ]);
  });
});

describe('american spelling', () => {
  it('renames the British forms and leaves analysis, analyses and persisted names alone', () => {
    expect(americanize('analyseFile normalised Analysing ANALYSER_ID l2Normalise normalisation')).toBe(
      'analyzeFile normalized Analyzing ANALYZER_ID l2Normalize normalization',
    );
    expect(americanize('analysis analyses analyst')).toBe('analysis analyses analyst');
    expect(americanize(americanize('analysed'))).toBe('analyzed');
  });

  it('is a lint error in names but not in persisted names or strings', async () => {
    expect(await problems('src/core/example.ts', 'export function analyseTrack(): void {}\n')).toEqual([
      expect.stringContaining("Spell 'analyseTrack' as 'analyzeTrack'"),
    ]);
    expect(await problems('src/core/example.ts', "export const watch = { autoAnalyse: true, state: 'analysed' };\n")).toEqual([]);
    expect(await problems('src/core/normalise.ts', 'export const x = 1;\n')).toEqual([expect.stringContaining("Spell 'normalise.ts' as 'normalize.ts'")]);
  });
});
