/**
 * `rbassist cues`: the auto cues the export would write, as a table (track, slot, name, time,
 * bar), from the structure each track's analysis found. `--template` picks a built-in cue
 * template by name or reads one from a JSON file (src/core/cues/cueTemplates.ts).
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AUTO_CUE_PREFIX, CUE_TEMPLATES, DEFAULT_CUE_TEMPLATE, findCueTemplate, parseCueTemplate, type CueTemplate } from '../../src/core/cues';
import { autoCuesOf } from '../../src/core/library/trackView';
import { errorMessage } from '../../src/core/errors';
import { CliError, describeFsError, EXIT } from '../errors';
import { findTrack } from '../library/findTrack';
import { libraryViews } from '../library/views';
import { LibraryState } from '../state/libraryState';
import { findState } from '../state/stateDir';
import { line, type CommandIO } from './io';

export interface CuesOptions {
  state?: string;
  /** A track (path or search text); all analyzed tracks when absent. */
  track?: string;
  template?: string;
  json: boolean;
}

/** A built-in template by name, or a template JSON file; a clear error otherwise. */
export function resolveCueTemplate(text: string | undefined): CueTemplate {
  if (text === undefined) return DEFAULT_CUE_TEMPLATE;
  const builtIn = findCueTemplate(text);
  if (builtIn) return builtIn;
  if (!/\.json$/i.test(text)) {
    throw new CliError(`--cue-template takes one of ${CUE_TEMPLATES.map((t) => `"${t.name}"`).join(', ')} or a .json file, not "${text}".`, 2);
  }
  let body: string;
  try {
    body = readFileSync(resolve(text), 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read the cue template ${text}: ${describeFsError(error)}.`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new CliError(`The cue template ${text} is not valid JSON: ${errorMessage(error)}.`, 2);
  }
  const parsed = parseCueTemplate(json);
  if (!parsed.ok) throw new CliError(`${text}: ${parsed.reason}`, 2);
  return parsed.value;
}

const time = (sec: number) => `${Math.floor(sec / 60)}:${(sec % 60).toFixed(3).padStart(6, '0')}`;

export async function cuesCommand(options: CuesOptions, io: CommandIO): Promise<number> {
  const location = findState(options.state);
  const template = resolveCueTemplate(options.template);
  const state = new LibraryState(location.dir);
  let views = libraryViews(state).filter((v) => v.track.status !== 'error');
  if (options.track !== undefined) {
    const wanted = findTrack(options.track, state, location.musicFolder);
    views = views.filter((v) => v.track.id === wanted.id);
  }
  const rows = views.flatMap((view) =>
    autoCuesOf(view, template).map((cue) => ({
      track: view.track.relativePath,
      slot: cue.slot ?? 'memory',
      name: AUTO_CUE_PREFIX + cue.label,
      sec: cue.sec,
      bar: cue.bar + 1,
    })),
  );
  const withoutStructure = views.filter((v) => !v.structure).length;
  if (options.json) {
    line(io, JSON.stringify({ template: template.name, cues: rows }, null, 2));
    return EXIT.ok;
  }
  line(io, `Auto cues (template "${template.name}"; times on the analysed audio, before the export's MP3 timeline offset):`);
  if (rows.length > 0) {
    const width = Math.min(60, Math.max(5, ...rows.map((r) => r.track.length)));
    const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
    line(io, `${'track'.padEnd(width)}  slot    ${'name'.padEnd(nameWidth)}  time       bar`);
    for (const r of rows) {
      const track = r.track.length > width ? `…${r.track.slice(-(width - 1))}` : r.track.padEnd(width);
      line(io, `${track}  ${r.slot.padEnd(6)}  ${r.name.padEnd(nameWidth)}  ${time(r.sec).padStart(9)}  ${String(r.bar).padStart(4)}`);
    }
  } else {
    line(io, 'No cues: no track has a structure analysis with phrases yet.');
  }
  if (withoutStructure > 0) line(io, `${withoutStructure} track(s) have no structure analysis yet: run rbassist analyze.`);
  return EXIT.ok;
}
