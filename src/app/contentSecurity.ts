/**
 * No telemetry, no network after install: a Content-Security-Policy that lets the app talk only to
 * itself, plus the one origin the DJ chose for model downloads. It is installed at start-up from a
 * copy of that setting kept in localStorage (read synchronously, before anything can fetch); a
 * changed download URL takes effect after a reload.
 */
const STORAGE_KEY = 'rbassist.modelDownloadOrigin';

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
  meta.content = contentSecurityPolicy(localStorage.getItem(STORAGE_KEY));
  doc.head.prepend(meta);
}
