import type { IndexStore } from '../core/index/indexStore';
import { opfsRoot, readFileAt, removeEntry, writeFileAt } from './opfs';

/** Saved indexes in this origin's OPFS (`index/<modelId>.hnsw`), for the core index's storage port. */
export const opfsIndexStore: IndexStore = {
  async read(path) {
    const file = await readFileAt(await opfsRoot(), path);
    return file ? new Uint8Array(await file.arrayBuffer()) : undefined;
  },
  async write(path, bytes) {
    await writeFileAt(await opfsRoot(), path, bytes as Uint8Array<ArrayBuffer>);
  },
  async remove(path) {
    await removeEntry(await opfsRoot(), path);
  },
};
