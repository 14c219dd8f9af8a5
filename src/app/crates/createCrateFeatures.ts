import type { rekordbox } from '../../core/interop';
import { DEFAULT_DIMS } from '../../core/index/vectorIndex';
import type { RbassistDb } from '../../storage/db';
import { APP_VERSION } from '../interopService';
import type { LibraryController } from '../libraryController';
import type { SettingsService } from '../settings';
import type { TrackView } from '../../core/library/trackView';
import type { VectorService } from '../vectorService';
import { crateToM3u8, crateToRekordbox, type ExportFile } from './crateExport';
import { CrateService } from './crateService';
import { createMapWorker } from './mapWorkerClient';
import { MapService } from './mapService';
import { SetBuilderService } from './setBuilderService';
import { SimilarityScores } from './similarityScores';
import { trackName } from './trackFacts';

export interface CrateFeatureDeps {
  db: RbassistDb;
  library: LibraryController;
  vectors: VectorService;
  settings: SettingsService;
  /** The library row as the rekordbox exporter sees it (InteropService.exportTrack). */
  exportTrack: (view: TrackView) => rekordbox.ExportTrack;
  modelId: () => string;
  /** Tracks the exports leave out (duplicates, when the DJ asks for it). */
  leaveOut?: () => ReadonlySet<string>;
}

/** Crates, smart crates, the set builder and the library map, wired to the library and vectors. */
export function createCrateFeatures({ db, library, vectors, settings, exportTrack, modelId, leaveOut }: CrateFeatureDeps) {
  const preference = () => (settings.store.get().preferTaggedValues ? ('tagged' as const) : ('analysed' as const));
  const worker = createMapWorker();
  const similarity = new SimilarityScores(worker, vectors, modelId, DEFAULT_DIMS);
  const nameOf = (id: string) => trackName(library.view(id));

  const crates = new CrateService(
    db,
    {
      tracks: () => library.store.get().tracks,
      view: (id) => library.view(id),
      subscribe: (listener) => {
        const offLibrary = library.store.subscribe(listener);
        const offSettings = settings.store.subscribe(listener);
        return () => {
          offLibrary();
          offSettings();
        };
      },
    },
    { preference, similarity: (seed, name) => similarity.of(seed, name), trackName: nameOf },
  );
  const map = new MapService(db, worker, vectors, modelId, DEFAULT_DIMS);
  const setBuilder = new SetBuilderService((id) => library.view(id), vectors, crates, preference);

  const crateForExport = (crateId: string) => {
    const crate = crates.get(crateId);
    if (!crate) throw new Error('That crate no longer exists');
    return { id: crate.id, name: crate.name, position: crate.position, trackIds: crates.trackIdsOf(crateId), leaveOut: leaveOut?.() };
  };

  // Crates load at once; smart crates re-evaluate whenever the library changes after that.
  const cratesLoaded = crates.load();

  return {
    /** The map worker's host (layouts, similarity scores, the duplicate check). */
    mapWorker: worker,
    crates,
    cratesLoaded,
    map,
    setBuilder,
    crateExport: {
      /** A crate as an M3U8 playlist (absolute paths when the music folder path is set). */
      m3u8(crateId: string): ExportFile {
        return crateToM3u8(crateForExport(crateId), (id) => library.view(id), settings.store.get().musicFolderPath);
      },
      /** A crate as a rekordbox XML playlist; refuses until the music folder path is set. */
      rekordbox(crateId: string): ExportFile {
        const { musicFolderPath, commentTemplate, keyNotation } = settings.store.get();
        return crateToRekordbox(crateForExport(crateId), (id) => library.view(id), {
          musicFolderPath,
          commentTemplate,
          tonality: keyNotation === 'camelot' ? 'camelot' : 'rekordbox',
          exportTrack,
          appVersion: APP_VERSION,
        });
      },
    },
  };
}
