// Imported first by the service worker (vite.config.ts → workbox.importScripts). Cross-origin
// isolation on a static host that sends no COOP/COEP headers (the coi-serviceworker technique):
// every response the service worker hands to the app gets the headers, so multi-threaded WASM
// works from the first reload on. Responses that already carry them are left as they are.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function withIsolationHeaders(response) {
  // Opaque and error responses cannot be rebuilt (and are blocked under COEP anyway).
  if (!response || response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  if (response.headers.get('Cross-Origin-Embedder-Policy')) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  const nullBody = [101, 204, 205, 304].includes(response.status);
  return new Response(nullBody ? null : response.body, { status: response.status, statusText: response.statusText, headers });
}

// Wrap respondWith itself: whatever Workbox answers (precache, navigation fallback, network) passes here.
const respondWith = FetchEvent.prototype.respondWith;
FetchEvent.prototype.respondWith = function (response) {
  return respondWith.call(this, Promise.resolve(response).then(withIsolationHeaders));
};
