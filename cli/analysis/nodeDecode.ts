/**
 * The decode function analyzeFile (src/core/analysis/analyzeFile.ts) takes, over ffmpeg.wasm's core in Node
 * — the same core build and the same decodeWithFFmpeg as the browser's decode worker. The browser
 * mounts the File with WORKERFS; Node's core has MEMFS only, so the bytes are copied in once per file
 * (the analysis decode and the 24 kHz window decode share the copy).
 * @module
 */
import { loadFFmpegCore, type FFmpegCore } from '../../scripts/lib/ffmpegNode';
import { DecodeError, decodeWithFFmpeg } from '../../src/core/decode/ffmpegDecode';
import { fileExtension } from '../../src/core/library/audioFiles';
import type { DecodeFn } from '../../src/core/analysis/analyzeFile';
import { describeFsError } from '../errors';
import { errorMessage, fail, ok } from '../../src/core/errors';

/** Above this heap size the core is dropped after the current file (WASM memory never shrinks), as in the browser. */
const HEAP_RECYCLE_BYTES = 768 * 1024 * 1024;

type Core = FFmpegCore & { HEAPU8?: Uint8Array };

export class FFmpegFileDecoder {
  private core: Promise<Core> | null = null;
  private loaded: Core | null = null;
  private copied: { file: File; path: string } | null = null;
  private counter = 0;

  constructor(private readonly loadCore: () => Promise<FFmpegCore> = loadFFmpegCore) {}

  /** Load the core now (workers do this at start, so the first track is not slower). */
  async warmUp(): Promise<void> {
    await this.getCore();
  }

  private getCore(): Promise<Core> {
    this.core ??= this.loadCore().then((core) => (this.loaded = core));
    return this.core;
  }

  readonly decode: DecodeFn = async (file, request) => {
    let core: Core;
    try {
      core = await this.getCore();
    } catch (error) {
      this.drop();
      return fail(`The decoder could not start: ${errorMessage(error)}`);
    }
    let path: string;
    try {
      path = await this.copyIn(core, file);
    } catch (error) {
      return fail(`File cannot be read (${describeFsError(error)})`);
    }
    try {
      return ok(decodeWithFFmpeg(core, path, file.name, request));
    } catch (error) {
      if (error instanceof DecodeError) return fail(error.message);
      // A crashed core is never reused.
      this.drop();
      return fail(`The decoder crashed on this file: ${errorMessage(error)}`);
    }
  };

  private async copyIn(core: Core, file: File): Promise<string> {
    if (this.copied?.file === file) return this.copied.path;
    this.release();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const extension = fileExtension(file.name);
    const path = `/input-${++this.counter}${extension ? `.${extension}` : ''}`;
    core.FS.writeFile(path, bytes);
    this.copied = { file, path };
    return path;
  }

  /** Drop the current file's copy; recycle the core when its heap has grown too large. */
  release(): void {
    const { copied, loaded } = this;
    this.copied = null;
    if (!copied || !loaded) return;
    try {
      loaded.FS.unlink(copied.path);
    } catch {
      /* already gone */
    }
    if ((loaded.HEAPU8?.byteLength ?? 0) > HEAP_RECYCLE_BYTES) this.drop();
  }

  private drop(): void {
    this.core = null;
    this.loaded = null;
    this.copied = null;
  }
}
