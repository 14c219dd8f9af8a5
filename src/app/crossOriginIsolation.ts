/**
 * On a static host that sends no COOP/COEP headers, the service worker adds them
 * (public/sw-isolation-headers.js), but only to pages it serves: the first visit is not isolated,
 * so it reloads once the service worker controls it. Once per tab session, so a browser that still
 * refuses isolation gets a working (single-threaded) app instead of a reload loop.
 */
const RELOADED_KEY = 'rbassist.isolationReload';

export async function reloadOnceServiceWorkerIsolates(): Promise<'isolated' | 'reloading' | 'unavailable'> {
  if (globalThis.crossOriginIsolated) {
    sessionStorage.removeItem(RELOADED_KEY);
    return 'isolated';
  }
  if (!('serviceWorker' in navigator) || !isSecureContext || sessionStorage.getItem(RELOADED_KEY)) return 'unavailable';
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  }
  sessionStorage.setItem(RELOADED_KEY, '1');
  location.reload();
  return 'reloading';
}
