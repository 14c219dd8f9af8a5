export { parseBandcampCsv, type BandcampRow, type IgnoredRow, type ParsedBandcampCsv } from './csv';
export { detectColumns, type BandcampField, type ColumnMapping, type CsvFormat } from './columns';
export { BandcampMatcher, DEFAULT_MIN_SCORE, type MatchableTrack, type MatchMethod, type MatchOptions, type RowMatch } from './match';
export { foldText, normalizeArtist, normalizeTitle, artistNames, similarity } from './normalize';
export { bandcampPageFromComment, bandcampPageFromUrl, type BandcampPage } from './comment';
export { mergeIntoLibrary, mergeTags, tagsFromComments, tagsFromMatches, type BandcampTag, type TrackWithComment } from './tags';
export { parsePurchaseDate } from './dates';
export { importBandcampCsv, type BandcampImport, type BandcampImportOptions } from './importCsv';
