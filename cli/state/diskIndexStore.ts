import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexStore } from '../../src/core/index/indexStore';
import { writeFileAtomic } from './files';

/** The index store port (src/core/index) on disk, below the state folder: `index/<modelId>.hnsw`. */
export class DiskIndexStore implements IndexStore {
  constructor(private readonly root: string) {}

  async read(path: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(join(this.root, path)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    writeFileAtomic(join(this.root, path), bytes);
  }

  async remove(path: string): Promise<void> {
    await rm(join(this.root, path), { force: true });
  }
}
