import { transfer } from 'comlink';
import { exposeToHost } from './exposeToHost';
import { DecodeError, decodeWithFFmpeg, type DecodeRequest, type DecodeResult, type FFmpegCoreLike } from '../src/core/decode/ffmpegDecode';
import { prefersWebCodecs } from './webcodecs/decoderChoice';
import { decodeWithWebCodecs } from './webcodecs/webcodecsDecode';
import type { AnalyzeOutcome, AnalyzeRequest } from '../src/core/analysis/protocol';
import { analyzeFile } from '../src/core/analysis/analyzeFile';
import { errorMessage, fail, ok, type Result } from '../src/core/errors';

/**
 * Decode worker. Formats listed in webcodecs/decoderChoice.ts go first to the native path
 * (mediabunny + WebCodecs AudioDecoder, see webcodecs/webcodecsDecode.ts); everything else, and any
 * file that path rejects or fails on, is decoded by ffmpeg.wasm's core, self-hosted under /vendor/ffmpeg/ (copied from @ffmpeg/core at
 * build time and precached; never a CDN). The core is loaded directly here — which is what
 * @ffmpeg/ffmpeg does inside its own worker — to avoid a worker inside a worker and an extra
 * message hop per call. Files are mounted with WORKERFS (read in place, never copied into the
 * WASM heap), and the core is dropped and re-created when its heap has grown too large.
 */
interface Core extends FFmpegCoreLike {
  HEAPU8: Uint8Array;
  FS: FFmpegCoreLike['FS'] & {
    mkdir(path: string): void;
    rmdir(path: string): void;
    mount(type: unknown, options: { files: File[] }, mountpoint: string): void;
    unmount(mountpoint: string): void;
    filesystems: { WORKERFS: unknown };
  };
}

/** Above this heap size the core is discarded after the current task (WASM memory never shrinks). */
const HEAP_RECYCLE_BYTES = 768 * 1024 * 1024;
const vendorBase = new URL(`${import.meta.env.BASE_URL}vendor/ffmpeg/`, self.location.origin).href;

let corePromise: Promise<Core> | null = null;
let coresCreated = 0;

function loadCore(): Promise<Core> {
  corePromise ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${vendorBase}ffmpeg-core.js`)) as { default: (options: object) => Promise<Core> };
    coresCreated++;
    return module.default({ locateFile: (path: string) => vendorBase + path });
  })();
  return corePromise;
}

export type DecoderUsed = 'ffmpeg' | 'webcodecs';

/** The decoded audio, and how it was decoded. */
export interface DecodedAudio extends DecodeResult {
  decoder: DecoderUsed;
  /** ffmpeg core heap size (0 when the core is not loaded). */
  heapBytes: number;
  /** Why the WebCodecs path was not used, when it was tried first. */
  webcodecsSkipped?: string;
}

export type DecodeOutcome = Result<DecodedAudio>;

const transferables = (result: DecodeResult) => [result.pcm?.buffer, ...(result.windows ?? []).map((w) => w.buffer)].filter(Boolean) as ArrayBuffer[];

let mountCounter = 0;

/** The WebCodecs path; returns why it was not used (a string) when ffmpeg.wasm should take the file. */
async function decodeNatively(file: File, request: DecodeRequest): Promise<DecodeOutcome | string> {
  const forced = request.decoder === 'webcodecs';
  try {
    const result = await decodeWithWebCodecs(file, request, forced ? () => true : prefersWebCodecs);
    const heapBytes = corePromise ? ((await corePromise.catch(() => undefined))?.HEAPU8.byteLength ?? 0) : 0;
    return transfer(ok<DecodedAudio>({ ...result, decoder: 'webcodecs', heapBytes }), transferables(result));
  } catch (error) {
    const message = errorMessage(error);
    return forced ? fail(`Cannot decode with WebCodecs: ${message}`) : message;
  }
}

/** ffmpeg.wasm: the fallback for every format, and the path that words the reasons for broken files. */
async function decodeWithCore(file: File, request: DecodeRequest, webcodecsSkipped: string | undefined): Promise<DecodeOutcome> {
  let core: Core;
  try {
    core = await loadCore();
  } catch (error) {
    corePromise = null;
    return fail(`The decoder could not start: ${errorMessage(error)}`);
  }
  const mountpoint = `/input-${++mountCounter}`;
  try {
    core.FS.mkdir(mountpoint);
    core.FS.mount(core.FS.filesystems.WORKERFS, { files: [file] }, mountpoint);
    const result = decodeWithFFmpeg(core, `${mountpoint}/${file.name}`, file.name, request);
    return transfer(ok<DecodedAudio>({ ...result, decoder: 'ffmpeg', heapBytes: core.HEAPU8.byteLength, webcodecsSkipped }), transferables(result));
  } catch (error) {
    if (error instanceof DecodeError) return fail(error.message);
    corePromise = null; // a crashed core is never reused
    return fail(`The decoder crashed on this file: ${errorMessage(error)}`);
  } finally {
    try {
      core.FS.unmount(mountpoint);
      core.FS.rmdir(mountpoint);
    } catch {
      /* the core may be gone after a crash */
    }
    if (core.HEAPU8.byteLength > HEAP_RECYCLE_BYTES) corePromise = null;
  }
}

const api = {
  async decode(file: File, request: DecodeRequest): Promise<DecodeOutcome> {
    let webcodecsSkipped: string | undefined;
    // The WebCodecs path downmixes to mono; stereo (the preview) is ffmpeg.wasm's.
    if (request.decoder !== 'ffmpeg' && request.channels !== 2) {
      const native = await decodeNatively(file, request);
      if (typeof native !== 'string') return native;
      webcodecsSkipped = native;
    }
    return decodeWithCore(file, request, webcodecsSkipped);
  },

  /** The pipeline's task for one track: decode at 11 kHz, analyze, decode model windows if asked. */
  async analyze(file: File, request: AnalyzeRequest): Promise<AnalyzeOutcome> {
    const outcome = await analyzeFile((f, r) => api.decode(f, r), file, request);
    if (!outcome.ok) return outcome;
    const { output, modelWindows } = outcome.value;
    const buffers = [output.strip.buffer, output.builtinVector?.buffer, output.waveform?.data.buffer, ...(modelWindows ?? []).map((w) => w.buffer)];
    return transfer(outcome, buffers.filter(Boolean) as ArrayBuffer[]);
  },

  /** For diagnostics and tests: how many cores this worker has created (recycling count + 1). */
  stats(): { coresCreated: number } {
    return { coresCreated };
  },
};

export type DecodeWorkerApi = typeof api;
exposeToHost(api);
