/**
 * Checks a model file's bytes against its manifest entry (size, then sha256 when known) before any
 * attempt to load it, so a truncated download or the wrong file is named as such.
 * @module
 */
import type { ModelVariant } from './manifest';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Returns null when the bytes match, else the reason they do not. */
export async function checkModelBytes(bytes: Uint8Array, variant: ModelVariant): Promise<string | null> {
  if (variant.bytes !== null && bytes.byteLength !== variant.bytes) {
    const hint = bytes.byteLength < variant.bytes ? ' (the download looks incomplete)' : '';
    return `${variant.file} has ${bytes.byteLength} bytes but ${variant.bytes} were expected${hint}`;
  }
  if (variant.sha256 !== null) {
    const actual = await sha256Hex(bytes);
    if (actual !== variant.sha256)
      return `${variant.file} has checksum ${actual.slice(0, 12)}… but ${variant.sha256.slice(0, 12)}… was expected (the file is damaged or a different version)`;
  }
  return null;
}
