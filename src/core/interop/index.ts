/**
 * Interop with other DJ software: rekordbox XML (export/import), Bandcamp CSV, M3U8.
 * @module
 */
export * as rekordbox from './rekordbox';
export * as bandcamp from './bandcamp';
export { buildM3u8, type M3uEntry, type M3uPaths } from './m3u8';
export { describeProblem, type InteropProblem, type Result } from './problem';
