/**
 * No telemetry, no network after install: a Content-Security-Policy that lets the app talk only to
 * itself, plus the one origin the DJ chose for model downloads. It is installed at start-up from a
 * copy of that setting kept in localStorage (read synchronously, before anything can fetch). A policy
 * in force can only be tightened, never widened, so a new download origin needs one reload: the
 * app says so, reloads when the DJ confirms, and starts the pending download after it.
 * @module
 */
import type { Precision } from '../core/embedding/manifest';

const STORAGE_KEY = 'rbassist.modelDownloadOrigin';
const PENDING_KEY = 'rbassist.pendingModelDownload';

/** The download origin the installed policy allows; undefined when no policy is installed (dev). */
let installedOrigin: string | null | undefined;

export interface PendingDownload {
  modelId: string;
  precision: Precision;
  baseUrl: string;
}

/** The origin of a download base URL, or null when it is not an http(s) URL. */
export function downloadOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(extraConnectOrigin: string | null): string {
  const connect = ["'self'", ...(extraConnectOrigin ? [extraConnectOrigin] : [])].join(' ');
  return [
    "default-src 'self'",
    // WASM runtimes (ffmpeg, onnxruntime, hnswlib) need to compile their modules.
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src ${connect}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    // React sets style attributes (virtualised rows are positioned inline).
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function rememberDownloadOrigin(url: string): void {
  const origin = downloadOrigin(url);
  if (origin) localStorage.setItem(STORAGE_KEY, origin);
  else localStorage.removeItem(STORAGE_KEY);
}

/** Add the policy to the document (production builds; the dev server injects inline scripts). */
export function installContentSecurityPolicy(doc: Document = document): void {
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  installedOrigin = localStorage.getItem(STORAGE_KEY);
  meta.content = contentSecurityPolicy(installedOrigin);
  doc.head.prepend(meta);
}

/** True when the policy in force blocks downloads from this URL's origin (a reload would allow it). */
export function needsReloadToDownload(url: string, allowed: string | null | undefined = installedOrigin): boolean {
  if (allowed === undefined) return false;
  const origin = downloadOrigin(url);
  return origin !== null && origin !== allowed && origin !== globalThis.location?.origin;
}

/** Allow the download's origin, remember the download, and reload; `takePendingDownload` resumes it. */
export function reloadToDownload(download: PendingDownload, reload: () => void = () => location.reload()): void {
  rememberDownloadOrigin(download.baseUrl);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(download));
  reload();
}

/** The download a reload was made for (once). */
export function takePendingDownload(): PendingDownload | null {
  if (typeof sessionStorage === 'undefined') return null;
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return raw ? (JSON.parse(raw) as PendingDownload) : null;
  } catch {
    return null;
  }
}
