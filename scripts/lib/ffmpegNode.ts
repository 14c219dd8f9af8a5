/**
 * ffmpeg.wasm's core (the same @ffmpeg/core build the app ships) driven from Node, for the
 * project's deterministic fixture/corpus generators, benchmarks and the CLI. The core is built for
 * web workers, so it gets a minimal `self.location` and the wasm bytes handed in directly.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface FFmpegCore {
  exec(...args: string[]): number;
  reset(): void;
  setLogger(logger: (entry: { type: string; message: string }) => void): void;
  FS: {
    writeFile(path: string, data: Uint8Array | string): void;
    readFile(path: string): Uint8Array;
    unlink(path: string): void;
    mkdir(path: string): void;
    readdir(path: string): string[];
  };
}

const require = createRequire(import.meta.url);
const coreDir = join(dirname(require.resolve('@ffmpeg/core')), '..', 'esm');

/** Load a fresh ffmpeg core instance (≈100 ms). One instance runs one command at a time. */
export async function loadFFmpegCore(): Promise<FFmpegCore> {
  const g = globalThis as unknown as { self?: unknown };
  if (!g.self) g.self = globalThis;
  const selfObj = g.self as { location?: { href: string } };
  if (!selfObj.location) selfObj.location = { href: pathToFileURL(join(coreDir, 'ffmpeg-core.js')).href };
  const mod = (await import(pathToFileURL(join(coreDir, 'ffmpeg-core.js')).href)) as {
    default: (opts: Record<string, unknown>) => Promise<FFmpegCore>;
  };
  return mod.default({ wasmBinary: readFileSync(join(coreDir, 'ffmpeg-core.wasm')) });
}

/**
 * Run one ffmpeg command with the given input files; returns the named outputs. Throws with
 * ffmpeg's last log lines when it fails. Flags for bit-exact output are the caller's choice.
 */
export async function runFFmpeg(
  core: FFmpegCore,
  args: string[],
  inputs: Record<string, Uint8Array> = {},
  outputs: string[] = [],
): Promise<Record<string, Uint8Array>> {
  const log: string[] = [];
  core.setLogger((e) => log.push(e.message));
  for (const [name, data] of Object.entries(inputs)) core.FS.writeFile(name, data);
  core.reset();
  const code = core.exec(...args);
  const result: Record<string, Uint8Array> = {};
  try {
    if (code !== 0) throw new Error(`ffmpeg exited with ${code}: ${log.slice(-5).join(' | ')}`);
    for (const name of outputs) result[name] = core.FS.readFile(name).slice();
  } finally {
    for (const name of [...Object.keys(inputs), ...outputs]) {
      try {
        core.FS.unlink(name);
      } catch {
        /* output may not exist after a failure */
      }
    }
  }
  return result;
}

/** Encode mono/stereo Float32 PCM (interleaved) into any format ffmpeg supports. */
export async function encodePcm(
  core: FFmpegCore,
  pcm: Float32Array,
  sampleRate: number,
  channels: number,
  outName: string,
  codecArgs: string[],
  metadata: Record<string, string> = {},
): Promise<Uint8Array> {
  const meta = Object.entries(metadata).flatMap(([k, v]) => ['-metadata', `${k}=${v}`]);
  const raw = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const out = await runFFmpeg(
    core,
    [
      '-f',
      'f32le',
      '-ar',
      String(sampleRate),
      '-ac',
      String(channels),
      '-i',
      'in.f32',
      ...meta,
      ...codecArgs,
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      outName,
    ],
    { 'in.f32': raw },
    [outName],
  );
  return out[outName];
}

/** Decode any file ffmpeg reads to mono Float32 PCM at `sampleRate`. */
export async function decodeToMono(core: FFmpegCore, file: Uint8Array, sampleRate: number, inName = 'in.bin'): Promise<Float32Array> {
  const out = await runFFmpeg(core, ['-i', inName, '-ac', '1', '-ar', String(sampleRate), '-f', 'f32le', 'out.f32'], { [inName]: file }, ['out.f32']);
  const bytes = out['out.f32'];
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}
