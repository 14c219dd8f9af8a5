/** What the main area shows: the library table, the map, the set builder, duplicates, incoming tracks, or one crate. */
export type WorkspaceMode =
  { kind: 'library' } | { kind: 'map' } | { kind: 'set' } | { kind: 'duplicates' } | { kind: 'incoming' } | { kind: 'crate'; id: string };
