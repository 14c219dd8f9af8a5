/**
 * rbassist's command line: batch operations on a music folder with the app's own core modules
 * (same track ids, windows, analyses and vectors as the browser). See cli/README.md.
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { analyzeCommand } from './commands/analyze';
import { cuesCommand, resolveCueTemplate } from './commands/cues';
import { duplicatesCommand } from './commands/duplicates';
import { watchCommand } from './commands/watch';
import { exportRekordboxCommand } from './commands/exportRekordbox';
import { importBandcampCommand } from './commands/importBandcamp';
import { modelImportCommand } from './commands/modelImport';
import type { CommandIO } from './commands/io';
import { scanCommand } from './commands/scan';
import { parsePercent, similarCommand } from './commands/similar';
import { CliError, EXIT } from './errors';
import { errorMessage } from '../src/core/errors';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  usage: string;
  summary: string;
  positional: string;
  options: Options;
  run(positional: string, values: Values, io: CommandIO): Promise<number>;
}

const STATE: Options = { state: { type: 'string' } };

function positiveInt(text: string | boolean | undefined, name: string, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new CliError(`${name} takes a whole number of at least 1, not "${text}".`, 2);
  return value;
}

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

const COMMANDS: Record<string, Command> = {
  scan: {
    usage: 'scan <folder> [--state <dir>]',
    summary: 'Find new, changed and removed files and read their tags.',
    positional: 'folder',
    options: STATE,
    run: (folder, v, io) => scanCommand({ folder, state: str(v.state) }, io),
  },
  analyze: {
    usage:
      'analyze <folder> [--profile fast|quality|<sampling profile>|<file.json>] [--model <id>] [--model-file <path>] [--precision fp32|fp16|int8] [--workers N] [--retry-failed] [--timeout <s>] [--state <dir>]',
    summary: 'Scan, then decode, analyse (BPM, key, energy) and embed new and changed tracks; update the similarity index.',
    positional: 'folder',
    options: {
      ...STATE,
      profile: { type: 'string' },
      model: { type: 'string' },
      'model-file': { type: 'string' },
      precision: { type: 'string' },
      workers: { type: 'string' },
      'retry-failed': { type: 'boolean' },
      timeout: { type: 'string' },
    },
    run: (folder, v, io) =>
      analyzeCommand(
        {
          folder,
          state: str(v.state),
          profile: str(v.profile),
          model: str(v.model),
          modelFile: str(v['model-file']),
          precision: str(v.precision),
          workers: positiveInt(v.workers, '--workers'),
          retryFailed: v['retry-failed'] === true,
          timeoutSec: positiveInt(v.timeout, '--timeout'),
        },
        io,
      ),
  },
  watch: {
    usage: 'watch <folder> [analyze options]',
    summary: 'Analyse the folder, then keep watching it: new, changed, moved and removed files are handled as they settle.',
    positional: 'folder',
    options: { ...STATE, profile: { type: 'string' }, model: { type: 'string' }, workers: { type: 'string' } },
    run: (folder, v, io) =>
      watchCommand({ folder, state: str(v.state), profile: str(v.profile), model: str(v.model), workers: positiveInt(v.workers, '--workers') }, io),
  },
  similar: {
    usage: 'similar <track path, part of a path, or id> [-k 10] [--bpm-range ±6%] [--harmonic] [--model <id>] [--json] [--state <dir>]',
    summary: 'The tracks that sound most like one track, optionally in tempo range and in key.',
    positional: 'track',
    options: {
      ...STATE,
      k: { type: 'string', short: 'k' },
      'bpm-range': { type: 'string' },
      harmonic: { type: 'boolean' },
      model: { type: 'string' },
      json: { type: 'boolean' },
    },
    run: (track, v, io) =>
      similarCommand(
        {
          track,
          state: str(v.state),
          k: positiveInt(v.k, '-k', 10)!,
          bpmPercent: str(v['bpm-range']) === undefined ? undefined : parsePercent(str(v['bpm-range'])!),
          harmonic: v.harmonic === true,
          model: str(v.model),
          json: v.json === true,
        },
        io,
      ),
  },
  duplicates: {
    usage: 'duplicates [--json] [--keep <track>]… [--state <dir>]',
    summary: 'Exact copies, the same recording in other files, and versions, with the copy to keep (nothing is deleted).',
    positional: '',
    options: { ...STATE, json: { type: 'boolean' }, keep: { type: 'string', multiple: true } },
    run: (_, v, io) => duplicatesCommand({ state: str(v.state), json: v.json === true, keep: (v.keep as unknown as string[] | undefined) ?? [] }, io),
  },
  cues: {
    usage: 'cues [--track <path or text>] [--cue-template Phrases|"Mix points"|"Drops only"|<file.json>] [--json] [--state <dir>]',
    summary: 'Preview the auto cues (hot cues A–H, memory cues) the rekordbox export writes, from each track’s phrases.',
    positional: '',
    options: { ...STATE, track: { type: 'string' }, 'cue-template': { type: 'string' }, json: { type: 'boolean' } },
    run: (_, v, io) => cuesCommand({ state: str(v.state), track: str(v.track), template: str(v['cue-template']), json: v.json === true }, io),
  },
  'export-rekordbox': {
    usage:
      'export-rekordbox <out.xml> [--folder-path <abs path>] [--tonality rekordbox|camelot] [--comment-template "{camelot} - Energy {energy}"] [--previous <rekordbox.xml>] [--cues auto|keep|off] [--cue-template <name|file.json>] [--state <dir>]',
    summary: 'Write the library as a rekordbox collection XML.',
    positional: 'out.xml',
    options: {
      ...STATE,
      'folder-path': { type: 'string' },
      tonality: { type: 'string' },
      'comment-template': { type: 'string' },
      previous: { type: 'string' },
      cues: { type: 'string' },
      'cue-template': { type: 'string' },
    },
    run: (out, v, io) =>
      exportRekordboxCommand(
        {
          out,
          state: str(v.state),
          folderPath: str(v['folder-path']),
          tonality: str(v.tonality),
          commentTemplate: str(v['comment-template']),
          previous: str(v.previous),
          cues: str(v.cues),
          cueTemplate: resolveCueTemplate(str(v['cue-template'])),
        },
        io,
      ),
  },
  'import-bandcamp': {
    usage: 'import-bandcamp <csv> [--min-score 0.8] [--state <dir>]',
    summary: 'Tag tracks bought on Bandcamp (label, page, purchase date) from a collection or sales CSV.',
    positional: 'csv',
    options: { ...STATE, 'min-score': { type: 'string' } },
    run: (csv, v, io) => {
      const minScore = str(v['min-score']) === undefined ? undefined : Number(v['min-score']);
      if (minScore !== undefined && !(minScore > 0 && minScore <= 1))
        throw new CliError(`--min-score takes a number between 0 and 1, not "${v['min-score']}".`, 2);
      return importBandcampCommand({ csv, state: str(v.state), minScore }, io);
    },
  },
  'model import': {
    usage: 'model import <checkpoint folder> [--model mert-v1-95m|mert-v1-330m] [--precision all|both|fp32|fp16|int8] [--accept-licence] [--state <dir>]',
    summary: "Convert a Hugging Face MERT checkpoint (config.json + model.safetensors or pytorch_model.bin) into the app's ONNX files.",
    positional: 'checkpoint folder',
    options: { ...STATE, model: { type: 'string' }, precision: { type: 'string' }, 'accept-licence': { type: 'boolean' } },
    run: (folder, v, io) =>
      modelImportCommand({ folder, model: str(v.model), precision: str(v.precision), acceptLicence: v['accept-licence'] === true, state: str(v.state) }, io),
  },
};

export function usage(): string {
  const lines = ['Usage: rbassist <command> [options]', '', 'Commands:'];
  for (const [name, command] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(17)}${command.summary}`, `  ${''.padEnd(17)}rbassist ${command.usage}`);
  lines.push(
    '',
    'Library state lives in .rbassist/ beside the music folder (or --state <dir>); the music folder is only read.',
    'Commands without a folder find .rbassist/ in the current folder or its parents.',
    'Exit codes: 0 done, 1 error, 2 bad command line, 3 done but some tracks failed, 130 interrupted.',
  );
  return lines.join('\n');
}

export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  // Two-word commands ("model import") are looked up by both words
  const [first, ...others] = argv;
  const twoWords = others.length > 0 && `${first} ${others[0]}` in COMMANDS;
  const name = twoWords ? `${first} ${others[0]}` : first;
  const rest = twoWords ? others.slice(1) : others;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out.write(`${usage()}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')} (rbassist --help).`, 2);
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${errorMessage(error).replace(/\. To specify a positional.*$/s, '.')}\nUsage: rbassist ${command.usage}`, 2);
  }
  if (parsed.values.help) {
    io.out.write(`rbassist ${command.usage}\n${command.summary}\n`);
    return EXIT.ok;
  }
  if (!command.positional) {
    if (parsed.positionals.length)
      throw new CliError(
        `${name} takes no ${parsed.positionals.length === 1 ? 'argument' : 'arguments'}, got "${parsed.positionals.join(' ')}".\nUsage: rbassist ${command.usage}`,
        2,
      );
  } else if (parsed.positionals.length !== 1) {
    throw new CliError(
      `${name} takes one <${command.positional}>${parsed.positionals.length ? `, got ${parsed.positionals.length}` : ''}.\nUsage: rbassist ${command.usage}`,
      2,
    );
  }
  return command.run(parsed.positionals[0], parsed.values as Values, io);
}

/** Entry point: real stdout/stderr, Ctrl-C stops cleanly (a second Ctrl-C stops at once). */
export async function main(argv: readonly string[]): Promise<number> {
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nStopping after the tracks in progress… (Ctrl-C again to quit now)\n');
    abort.abort(new DOMException('Interrupted', 'AbortError'));
  };
  process.on('SIGINT', onSigint);
  try {
    return await runCli(argv, { out: process.stdout, err: process.stderr, signal: abort.signal });
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`rbassist: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`rbassist: unexpected error (please report it): ${(error as Error)?.stack ?? error}\n`);
    return EXIT.failed;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
