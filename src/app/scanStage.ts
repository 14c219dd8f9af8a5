/**
 * The browser's side of a scan: what the library's IndexedDB drops when a file changes or is
 * forgotten (the scan itself is src/core/library/scanLibrary.ts).
 * @module
 */
import type { RbassistDb } from '../storage/db';

/** Drop a changed file's cached windows, waveform and analyses (the app's `invalidate`). */
export async function dropComputed(db: RbassistDb, ids: string[]): Promise<void> {
  await db.transaction('rw', [db.windows, db.waveforms, db.analyses], async () => {
    await db.windows.bulkDelete(ids);
    await db.waveforms.bulkDelete(ids);
    await db.analyses.where('trackId').anyOf(ids).delete();
  });
}

/** Forget tracks for good: their record, analyses, windows, waveform, job and vector records (the app's `forget`). */
export async function purgeTracks(db: RbassistDb, ids: string[]): Promise<void> {
  await db.transaction('rw', [db.tracks, db.analyses, db.windows, db.waveforms, db.jobs, db.embeddings], async () => {
    await db.tracks.bulkDelete(ids);
    await db.analyses.where('trackId').anyOf(ids).delete();
    await db.windows.bulkDelete(ids);
    await db.waveforms.bulkDelete(ids);
    await db.jobs.bulkDelete(ids);
    for (const id of ids) await db.embeddings.where('[trackId+modelId]').between([id, ''], [id, '\uffff']).delete();
  });
}
