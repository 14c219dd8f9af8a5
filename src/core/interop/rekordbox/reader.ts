/**
 * Reads a rekordbox.xml as rekordbox 5/6 write it (and as other tools approximate it): localised
 * Kind, unpadded dates, any key notation, many TEMPO rows, nested playlists. The file is validated
 * first so a damaged one yields "line N: …"; no parser exception escapes.
 * @module
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fileExtension } from '../../library/audioFiles';
import { LineIndex, InteropProblemError, fail, ok, stripBom, type Result } from '../problem';
import { decodeXmlEntities } from '../xmlText';
import { normalizeDate } from './fields';
import { pathFromLocation } from './location';
import { parseTonality } from './tonality';
import type { MarkColour, PlaylistNode, PositionMark, RekordboxCollection, RekordboxTrack, TempoMarker } from './types';
import { errorMessage } from '../../errors';

type XmlElement = Record<string, unknown>;

const ARRAY_TAGS = new Set(['TRACK', 'NODE', 'TEMPO', 'POSITION_MARK']);
const META = XMLParser.getMetaDataSymbol() as unknown as string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Entities are decoded in one pass below, so "&amp;#10;" stays literal text.
  processEntities: false,
  attributeValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
  // Every element becomes an object, so even an attribute-less <TRACK/> has a line to report.
  alwaysCreateTextNode: true,
  maxNestedTags: 1000,
  isArray: (name: string) => ARRAY_TAGS.has(name),
});

/** Prefixed attribute keys, built once: concatenating per lookup showed up in 50k-track profiles. */
const ATTRIBUTE_KEYS = new Map<string, string>();
function attributeKey(name: string): string {
  let key = ATTRIBUTE_KEYS.get(name);
  if (key === undefined) {
    key = '@' + name;
    ATTRIBUTE_KEYS.set(name, key);
  }
  return key;
}

class Reader {
  private readonly lines: LineIndex;
  readonly warnings: string[] = [];

  constructor(text: string) {
    this.lines = new LineIndex(text);
  }

  lineOf(element: XmlElement): number | undefined {
    const meta = (element as Record<string, { startIndex?: number } | undefined>)[META];
    return meta?.startIndex === undefined ? undefined : this.lines.lineAt(meta.startIndex);
  }

  abort(message: string, element?: XmlElement): never {
    throw new InteropProblemError({ message, line: element ? this.lineOf(element) : undefined });
  }

  attr(element: XmlElement, name: string): string | undefined {
    const value = element[attributeKey(name)];
    return typeof value === 'string' ? value : undefined;
  }

  requiredAttr(element: XmlElement, tag: string, name: string): string {
    const value = this.attr(element, name);
    if (value === undefined || value.trim() === '') this.abort(`<${tag}> has no ${name} attribute`, element);
    return value;
  }

  /** Lenient number: missing or unreadable optional fields are 0, as rekordbox writes unknowns. */
  number(element: XmlElement, name: string): number {
    const value = Number((this.attr(element, name) ?? '').trim().replace(',', '.'));
    return Number.isFinite(value) ? value : 0;
  }

  requiredNumber(element: XmlElement, tag: string, name: string): number {
    const raw = this.requiredAttr(element, tag, name);
    const value = Number(raw.trim().replace(',', '.'));
    if (!Number.isFinite(value)) this.abort(`<${tag}> ${name}="${raw}" is not a number`, element);
    return value;
  }

  children(element: XmlElement, tag: string): XmlElement[] {
    const value = element[tag];
    return Array.isArray(value) ? (value as XmlElement[]) : [];
  }

  tempo(element: XmlElement): TempoMarker {
    return {
      startSec: this.requiredNumber(element, 'TEMPO', 'Inizio'),
      bpm: this.requiredNumber(element, 'TEMPO', 'Bpm'),
      metre: this.attr(element, 'Metro') || '4/4',
      beat: Math.round(this.number(element, 'Battito')) || 1,
    };
  }

  mark(element: XmlElement): PositionMark {
    const mark: PositionMark = {
      name: this.attr(element, 'Name') ?? '',
      type: Math.round(this.number(element, 'Type')),
      startSec: this.requiredNumber(element, 'POSITION_MARK', 'Start'),
      num: this.attr(element, 'Num') === undefined ? -1 : Math.round(this.number(element, 'Num')),
    };
    if (this.attr(element, 'End') !== undefined) mark.endSec = this.requiredNumber(element, 'POSITION_MARK', 'End');
    if (this.attr(element, 'Red') !== undefined) {
      const colour: MarkColour = { red: this.number(element, 'Red'), green: this.number(element, 'Green'), blue: this.number(element, 'Blue') };
      mark.colour = colour;
    }
    return mark;
  }

  track(element: XmlElement): RekordboxTrack {
    const idText = this.requiredAttr(element, 'TRACK', 'TrackID').trim();
    if (!/^\d+$/.test(idText)) this.abort(`<TRACK> TrackID="${idText}" is not a whole number`, element);
    const location = this.requiredAttr(element, 'TRACK', 'Location');
    const path = pathFromLocation(location);
    const tonality = this.attr(element, 'Tonality') ?? '';
    const track: RekordboxTrack = {
      trackId: Number(idText),
      name: this.attr(element, 'Name') ?? '',
      artist: this.attr(element, 'Artist') ?? '',
      composer: this.attr(element, 'Composer') ?? '',
      album: this.attr(element, 'Album') ?? '',
      grouping: this.attr(element, 'Grouping') ?? '',
      genre: this.attr(element, 'Genre') ?? '',
      kind: this.attr(element, 'Kind') ?? '',
      fileType: fileExtension(path.replace(/^.*\//, '')),
      sizeBytes: this.number(element, 'Size'),
      durationSec: this.number(element, 'TotalTime'),
      discNumber: this.number(element, 'DiscNumber'),
      trackNumber: this.number(element, 'TrackNumber'),
      year: this.number(element, 'Year'),
      bpm: this.number(element, 'AverageBpm'),
      dateAdded: normalizeDate(this.attr(element, 'DateAdded')),
      bitrateKbps: this.number(element, 'BitRate'),
      sampleRate: this.number(element, 'SampleRate'),
      comments: this.attr(element, 'Comments') ?? '',
      playCount: this.number(element, 'PlayCount'),
      rating: this.number(element, 'Rating'),
      location,
      path,
      remixer: this.attr(element, 'Remixer') ?? '',
      tonality,
      key: parseTonality(tonality),
      label: this.attr(element, 'Label') ?? '',
      mix: this.attr(element, 'Mix') ?? '',
      tempo: this.children(element, 'TEMPO').map((child) => this.tempo(child)),
      marks: this.children(element, 'POSITION_MARK').map((child) => this.mark(child)),
      line: this.lineOf(element) ?? 0,
    };
    const colour = this.attr(element, 'Colour');
    if (colour) track.colour = colour;
    return track;
  }

  playlistNode(element: XmlElement, knownIds: Set<number>, idByLocation: Map<string, number>, path: string): PlaylistNode {
    const type = this.requiredAttr(element, 'NODE', 'Type').trim();
    const name = this.attr(element, 'Name') ?? '';
    const here = path ? `${path}/${name}` : name;
    if (type === '0') {
      const children = this.children(element, 'NODE').map((child) => this.playlistNode(child, knownIds, idByLocation, here));
      const count = this.attr(element, 'Count');
      if (count !== undefined && Number(count) !== children.length) {
        this.warnings.push(`Folder "${here}" says Count=${count} but holds ${children.length} entries (line ${this.lineOf(element)}).`);
      }
      return { kind: 'folder', name, children };
    }
    if (type !== '1') this.abort(`<NODE Name="${name}"> has Type="${type}"; expected 0 (folder) or 1 (playlist)`, element);
    const byLocation = this.attr(element, 'KeyType') === '1';
    const trackIds: number[] = [];
    const entries = this.children(element, 'TRACK');
    for (const entry of entries) {
      const key = this.requiredAttr(entry, 'TRACK', 'Key');
      const id = byLocation ? idByLocation.get(key) : Number(key.trim());
      if (id === undefined || !knownIds.has(id)) {
        this.warnings.push(`Playlist "${here}" refers to a track not in the collection (Key="${key}", line ${this.lineOf(entry)}); left out.`);
      } else {
        trackIds.push(id);
      }
    }
    const declared = this.attr(element, 'Entries');
    if (declared !== undefined && Number(declared) !== entries.length) {
      this.warnings.push(`Playlist "${here}" says Entries=${declared} but lists ${entries.length} tracks (line ${this.lineOf(element)}).`);
    }
    return { kind: 'playlist', name, trackIds };
  }

  collection(document: XmlElement): RekordboxCollection {
    const rootName = Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#'));
    if (rootName !== 'DJ_PLAYLISTS') {
      const element = rootName ? (document[rootName] as XmlElement) : undefined;
      this.abort(
        rootName ? `Not a rekordbox collection: the root element is <${rootName}>, expected <DJ_PLAYLISTS>` : 'The file holds no XML element',
        typeof element === 'object' && element !== null ? element : undefined,
      );
    }
    const root = document.DJ_PLAYLISTS as XmlElement;
    if (typeof root !== 'object' || root === null) this.abort('<DJ_PLAYLISTS> is empty: no COLLECTION inside');
    const product = (root.PRODUCT ?? {}) as XmlElement;
    const collectionElement = root.COLLECTION as XmlElement | undefined;
    if (typeof collectionElement !== 'object' || collectionElement === null) {
      this.abort('<DJ_PLAYLISTS> has no <COLLECTION> element', root);
    }

    const tracks: RekordboxTrack[] = [];
    const knownIds = new Set<number>();
    const idByLocation = new Map<string, number>();
    for (const element of this.children(collectionElement, 'TRACK')) {
      const track = this.track(element);
      if (knownIds.has(track.trackId)) {
        this.warnings.push(`TrackID ${track.trackId} appears twice (line ${track.line}); the first one is kept.`);
        continue;
      }
      knownIds.add(track.trackId);
      idByLocation.set(track.location, track.trackId);
      tracks.push(track);
    }
    const entries = this.attr(collectionElement, 'Entries');
    if (entries !== undefined && Number(entries) !== tracks.length) {
      this.warnings.push(`COLLECTION says Entries=${entries} but holds ${tracks.length} tracks.`);
    }

    const playlistsElement = root.PLAYLISTS as XmlElement | undefined;
    const rootNode = typeof playlistsElement === 'object' && playlistsElement ? this.children(playlistsElement, 'NODE')[0] : undefined;
    const playlists = rootNode ? this.children(rootNode, 'NODE').map((child) => this.playlistNode(child, knownIds, idByLocation, '')) : [];

    return {
      product: {
        name: this.attr(product, 'Name') ?? '',
        version: this.attr(product, 'Version') ?? '',
        company: this.attr(product, 'Company') ?? '',
      },
      tracks,
      playlists,
      warnings: this.warnings,
    };
  }
}

/**
 * The validator reports a file that stops early as "Invalid '[ "DJ_PLAYLISTS", "COLLECTION" ]' found"
 * at line 1; say instead which element is left open and point at the end of the file.
 */
function describeInvalidXml(text: string, err: { code: string; msg: string; line: number }): [string, number] {
  const open = /^Invalid '\[(.*)\]' found/s.exec(err.msg);
  if (err.code === 'InvalidXml' && open) {
    const tags = [...open[1].matchAll(/"([^"]+)"/g)].map((match) => match[1]);
    const lastLine = new LineIndex(text).lineAt(text.trimEnd().length);
    const innermost = tags.at(-1) ?? 'an element';
    return [`The file ends while <${innermost}> is still open: it is truncated or damaged`, lastLine];
  }
  return [`Not well-formed XML (${err.msg.replace(/\.$/, '')}); the file may be truncated or damaged`, err.line];
}

/** Parse a rekordbox.xml text. On failure the problem names the line; nothing is half-read. */
export function readCollectionXml(input: string): Result<RekordboxCollection> {
  const text = stripBom(input);
  if (text.trim() === '') return fail('The file is empty: expected a rekordbox XML collection');
  const validation = XMLValidator.validate(text);
  if (validation !== true) return fail(...describeInvalidXml(text, validation.err));
  const reader = new Reader(text);
  try {
    return ok(reader.collection(parser.parse(text) as XmlElement));
  } catch (error) {
    if (error instanceof InteropProblemError) return { ok: false, reason: error.problem };
    return fail(`Cannot read the XML: ${errorMessage(error)}`);
  }
}
