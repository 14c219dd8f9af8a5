import { expose, transfer } from 'comlink';
import { DecodeError, decodeWithFFmpeg, type DecodeRequest, type DecodeResult, type FFmpegCoreLike } from '../src/core/decode/ffmpegDecode';

/**
 * Decode worker: ffmpeg.wasm's core, self-hosted under /vendor/ffmpeg/ (copied from @ffmpeg/core at
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

export type DecodeOutcome = { ok: true; result: DecodeResult; heapBytes: number } | { ok: false; reason: string };

let mountCounter = 0;

const api = {
  async decode(file: File, request: DecodeRequest): Promise<DecodeOutcome> {
    let core: Core;
    try {
      core = await loadCore();
    } catch (error) {
      corePromise = null;
      return { ok: false, reason: `The decoder could not start: ${(error as Error).message}` };
    }
    const mountpoint = `/input-${++mountCounter}`;
    try {
      core.FS.mkdir(mountpoint);
      core.FS.mount(core.FS.filesystems.WORKERFS, { files: [file] }, mountpoint);
      const result = decodeWithFFmpeg(core, `${mountpoint}/${file.name}`, file.name, request);
      const buffers = [result.pcm?.buffer, ...(result.windows ?? []).map((w) => w.buffer)].filter(Boolean) as ArrayBuffer[];
      return transfer({ ok: true as const, result, heapBytes: core.HEAPU8.byteLength }, buffers);
    } catch (error) {
      if (error instanceof DecodeError) return { ok: false, reason: error.message };
      corePromise = null; // a crashed core is never reused
      return { ok: false, reason: `The decoder crashed on this file: ${(error as Error)?.message ?? error}` };
    } finally {
      try {
        core.FS.unmount(mountpoint);
        core.FS.rmdir(mountpoint);
      } catch {
        /* the core may be gone after a crash */
      }
      if (core.HEAPU8.byteLength > HEAP_RECYCLE_BYTES) corePromise = null;
    }
  },

  /** For diagnostics and tests: how many cores this worker has created (recycling count + 1). */
  stats(): { coresCreated: number } {
    return { coresCreated };
  },
};

export type DecodeWorkerApi = typeof api;
expose(api);
