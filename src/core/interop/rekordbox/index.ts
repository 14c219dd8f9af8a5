export * from './types';
export { exportRekordboxXml, SIMILAR_FOLDER_NAME, PREVIOUS_FOLDER_NAME, CRATES_FOLDER_NAME } from './exporter';
export { readCollectionXml } from './reader';
export { writeCollectionXml, type WritableCollection, type WritableTrack } from './writer';
export {
  locationFromPath,
  locationInFolder,
  parseMusicFolder,
  pathFromLocation,
  pathMatchKey,
  relativePathFromLocation,
  encodeLocationPath,
  MAX_PATH_LENGTH,
  type MusicFolder,
} from './location';
export { formatTonality, parseTonality, type TonalityStyle } from './tonality';
export { CommentTemplate, DEFAULT_COMMENT_TEMPLATE, COMMENT_SEPARATOR, type CommentValues } from './comments';
export { assignTrackIds } from './trackIds';
export { matchCollectionToLibrary, type CollectionMatch, type LibraryPath } from './libraryMatch';
export { readMp3Header, rekordboxTimeline, type Mp3Header, type Mp3TimingCase, type RekordboxTimeline } from './timeline';
