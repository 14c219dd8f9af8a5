/**
 * @module The worker side of the app's worker host (src/app/workerHost.ts): exposes the worker's
 * comlink API and holds a Web Lock for as long as this worker lives. The lock is released when the
 * worker ends in any way (crash, `close()`, killed for memory), which is how the host learns that a
 * worker is gone even when no `error` event fires.
 */
import { expose } from 'comlink';

/** Host → worker: `{ [LIFE_LOCK_REQUEST]: lockName }`; worker → host: `{ [LIFE_LOCK_HELD]: lockName }`. */
export const LIFE_LOCK_REQUEST = 'rbassist:hold-life-lock';
export const LIFE_LOCK_HELD = 'rbassist:life-lock-held';

export function exposeToHost(api: object): void {
  self.addEventListener('message', (event: MessageEvent) => {
    const name = (event.data as Record<string, unknown> | null)?.[LIFE_LOCK_REQUEST];
    if (typeof name !== 'string' || !navigator.locks) return;
    void navigator.locks.request(name, () => {
      self.postMessage({ [LIFE_LOCK_HELD]: name });
      // Held until this worker ends.
      return new Promise<never>(() => undefined);
    });
  });
  expose(api);
}
