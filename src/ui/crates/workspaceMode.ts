/** What the main area shows: the library table, the map, the set builder, or one crate. */
export type WorkspaceMode = { kind: 'library' } | { kind: 'map' } | { kind: 'set' } | { kind: 'crate'; id: string };
