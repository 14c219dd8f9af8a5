import { XMLBuilder } from 'fast-xml-parser';
import { xmlSafeText } from '../xmlText';
import { formatBpm, formatCount, formatSeconds, normalizeDate } from './fields';
import { uniqueSiblingNames } from './playlistNames';
import type { PlaylistNode, PositionMark, RekordboxCollection, RekordboxTrack, TempoMarker } from './types';

/** The part of a collection track that is written (derived fields like `path` are not). */
export type WritableTrack = Omit<RekordboxTrack, 'fileType' | 'path' | 'key' | 'line'>;
export interface WritableCollection {
  product: RekordboxCollection['product'];
  tracks: WritableTrack[];
  playlists: PlaylistNode[];
}

type XmlNode = Record<string, unknown>;

const BUILDER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // Otherwise an attribute whose value is the text "true" (a track titled "true") loses its value.
  suppressBooleanAttributes: false,
};
const builder = new XMLBuilder(BUILDER_OPTIONS);
/** The envelope is built around already-built TRACK text: COLLECTION's content is taken verbatim. */
const envelopeBuilder = new XMLBuilder({ ...BUILDER_OPTIONS, stopNodes: ['DJ_PLAYLISTS.COLLECTION'] });

/**
 * Tracks are built in batches and joined: one builder call over 50k tracks keeps hundreds of MB of
 * intermediate strings alive; batches keep the peak near the size of the output.
 */
const TRACK_BATCH = 500;
const COLLECTION_INDENT = '    ';

function collectionContent(tracks: readonly WritableTrack[]): string {
  const chunks: string[] = [];
  for (let start = 0; start < tracks.length; start += TRACK_BATCH) {
    const built: string = builder.build({ TRACK: tracks.slice(start, start + TRACK_BATCH).map(trackNode) });
    // Values never hold raw newlines (xmlSafeText turns them into spaces), so every line start is a tag.
    chunks.push(built.replace(/^(?=.)/gm, COLLECTION_INDENT));
  }
  return chunks.join('');
}

function text(value: string | undefined): string {
  return xmlSafeText(value);
}

function tempoNode(tempo: TempoMarker): XmlNode {
  return {
    '@Inizio': formatSeconds(tempo.startSec),
    '@Bpm': formatBpm(tempo.bpm),
    '@Metro': text(tempo.metre) || '4/4',
    '@Battito': String(Math.min(4, Math.max(1, Math.round(tempo.beat) || 1))),
  };
}

function markNode(mark: PositionMark): XmlNode {
  const node: XmlNode = { '@Name': text(mark.name), '@Type': String(mark.type), '@Start': formatSeconds(mark.startSec) };
  // End only on loops: a zero-length or End-carrying cue breaks CDJs.
  if (mark.type === 4 && mark.endSec !== undefined) node['@End'] = formatSeconds(mark.endSec);
  node['@Num'] = String(mark.num);
  if (mark.colour && mark.num >= 0) {
    node['@Red'] = String(mark.colour.red);
    node['@Green'] = String(mark.colour.green);
    node['@Blue'] = String(mark.colour.blue);
  }
  return node;
}

/** Attributes in exactly the order rekordbox writes them. */
function trackNode(track: WritableTrack): XmlNode {
  const node: XmlNode = {
    '@TrackID': String(track.trackId),
    '@Name': text(track.name),
    '@Artist': text(track.artist),
    '@Composer': text(track.composer),
    '@Album': text(track.album),
    '@Grouping': text(track.grouping),
    '@Genre': text(track.genre),
    '@Kind': text(track.kind),
    '@Size': formatCount(track.sizeBytes),
    '@TotalTime': formatCount(track.durationSec),
    '@DiscNumber': formatCount(track.discNumber),
    '@TrackNumber': formatCount(track.trackNumber),
    '@Year': formatCount(track.year),
    '@AverageBpm': formatBpm(track.bpm),
    '@DateAdded': normalizeDate(track.dateAdded),
    '@BitRate': formatCount(track.bitrateKbps),
    '@SampleRate': formatCount(track.sampleRate),
    '@Comments': text(track.comments),
    '@PlayCount': formatCount(track.playCount),
    '@Rating': formatCount(track.rating),
    '@Location': text(track.location),
    '@Remixer': text(track.remixer),
    '@Tonality': text(track.tonality),
    '@Label': text(track.label),
    '@Mix': text(track.mix),
  };
  // Unknown tempo and key (e.g. a track whose analysis failed) are left out, not written as 0 / "":
  // rekordbox then analyses them itself instead of trusting a zero.
  if (!(track.bpm > 0)) delete node['@AverageBpm'];
  if (!node['@Tonality']) delete node['@Tonality'];
  if (track.colour) node['@Colour'] = text(track.colour);
  if (track.tempo.length > 0) node.TEMPO = track.tempo.map(tempoNode);
  if (track.marks.length > 0) node.POSITION_MARK = track.marks.map(markNode);
  return node;
}

function playlistNodes(nodes: readonly PlaylistNode[]): XmlNode[] {
  const names = uniqueSiblingNames(nodes.map((node) => node.name));
  return nodes.map((node, index) => {
    if (node.kind === 'folder') {
      const folder: XmlNode = { '@Name': names[index], '@Type': '0', '@Count': String(node.children.length) };
      if (node.children.length > 0) folder.NODE = playlistNodes(node.children);
      return folder;
    }
    const playlist: XmlNode = {
      '@Name': names[index],
      '@Type': '1',
      '@KeyType': '0',
      '@Entries': String(node.trackIds.length),
    };
    if (node.trackIds.length > 0) playlist.TRACK = node.trackIds.map((id) => ({ '@Key': String(id) }));
    return playlist;
  });
}

/** Serialise a collection: same input, byte-identical output (no clocks, no locale, fixed formats). */
export function writeCollectionXml(collection: WritableCollection): string {
  const root: XmlNode = { '@Type': '0', '@Name': 'ROOT', '@Count': String(collection.playlists.length) };
  if (collection.playlists.length > 0) root.NODE = playlistNodes(collection.playlists);
  const collectionNode: XmlNode = { '@Entries': String(collection.tracks.length) };
  if (collection.tracks.length > 0) collectionNode['#text'] = collectionContent(collection.tracks);
  return envelopeBuilder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    DJ_PLAYLISTS: {
      '@Version': '1.0.0',
      PRODUCT: {
        '@Name': text(collection.product.name),
        '@Version': text(collection.product.version),
        '@Company': text(collection.product.company),
      },
      COLLECTION: collectionNode,
      PLAYLISTS: { NODE: root },
    },
  });
}
