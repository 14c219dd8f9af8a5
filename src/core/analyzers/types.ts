/**
 * The analyzer contract. An analyzer is a pure function of the decoded mono PCM (plus the shared
 * feature curves the decode stage already computed); its result is a plain JSON object stored per
 * track under (id, version). Bumping `version` makes only that analyzer re-run.
 * @module
 */
import type { Curves } from '../audio/curves';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type AnalyzerFields = { [key: string]: JsonValue };

/**
 * The decode stage's feature curves (src/core/audio computeCurves) that analyzers may reuse, so
 * nothing is computed twice. All optional: an analyzer computes what it needs when one is missing.
 */
export type SharedCurves = Partial<Pick<Curves, 'frameRate' | 'rms' | 'onset'>>;

/** Fields of the analyzers that ran (or were cached) before this one in the registry, by id. */
export type EarlierResults = Readonly<Record<string, AnalyzerFields | undefined>>;

export interface Analyzer<R extends AnalyzerFields = AnalyzerFields> {
  /** Stable identifier, also the storage key ("bpm", "key", "energy"). */
  readonly id: string;
  /** Increment when the algorithm's output can change: cached results of older versions are recomputed. */
  readonly version: number;
  /**
   * Settings that change the output (e.g. the BPM range), fully resolved (defaults filled in). They
   * are part of the cache key: results made with other options are recomputed.
   */
  readonly options?: AnalyzerFields;
  /**
   * Ids of analyzers whose results this one reads (they must come earlier in the registry). Their
   * fields arrive in `earlier`; when one of them is recomputed, this one is recomputed too.
   */
  readonly requires?: readonly string[];
  /**
   * Analyze one track. Must not throw on odd audio (silence, noise, very short clips): it returns
   * a result with low confidence or an explicit "none" instead. Never NaN in the output.
   * `earlier`: the results of the analyzers before it in the registry (the key analyzer reads the
   * bpm analyzer's beat grid); an analyzer must still work without them.
   */
  analyze(pcm: Float32Array, sampleRate: number, curves?: SharedCurves, earlier?: EarlierResults): R;
}

/** One stored result: what the runner reads from and writes to the `analyses` table. */
export interface AnalyzerResult<R extends AnalyzerFields = AnalyzerFields> {
  analyzerId: string;
  version: number;
  /** The analyzer's options when it ran (absent: it has none, or a result stored before options were recorded). */
  options?: AnalyzerFields;
  /** The analyzer's fields, or undefined when it failed (see `error`). */
  fields?: R;
  /** A readable reason when the analyzer failed; the other analyzers' results still stand. */
  error?: string;
}
