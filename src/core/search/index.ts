export { TrackTextSearch, type SearchableTrack, type SearchField, type TextSearchHit } from './trackTextSearch';
export { foldText } from './textFold';
