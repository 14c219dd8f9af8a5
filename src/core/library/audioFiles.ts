/** Audio containers the decoder handles, by lower-case extension. */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set(['mp3', 'flac', 'wav', 'aiff', 'aif', 'm4a', 'aac', 'alac', 'ogg', 'opus']);

/** Names that are never music: OS metadata, AppleDouble forks, thumbnails. */
const SYSTEM_NAMES: ReadonlySet<string> = new Set(['thumbs.db', 'desktop.ini', '$recycle.bin', 'system volume information', '__macosx', '.ds_store']);

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Hidden (dot-prefixed, including AppleDouble "._x.mp3") or known system entries are skipped. */
export function isHiddenOrSystem(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name.toLowerCase());
}

export function isAudioFileName(name: string): boolean {
  return !isHiddenOrSystem(name) && AUDIO_EXTENSIONS.has(fileExtension(name));
}
