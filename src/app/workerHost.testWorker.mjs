// A real worker thread for workerHost.test.ts (plain JS: Node 20 threads do not run TypeScript).
import { parentPort, threadId } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

let opened = null;
let released = false;
const parked = [];
const unparkAll = () => {
  for (const resolve of parked.splice(0)) resolve();
};
// The test frees parked calls from outside too, while every worker is busy.
const channel = new BroadcastChannel('worker-host-test');
channel.onmessage = (event) => event.data === 'unpark' && unparkAll();
channel.unref();

const api = {
  async echo(value) {
    return value;
  },
  async whoami() {
    return { threadId, opened, released };
  },
  async open(name) {
    if (name === 'refused') throw new Error(`${name} cannot be opened`);
    opened = name;
    return name;
  },
  async release() {
    released = true;
  },
  /** Waits until `unpark` (or a message on the test's channel); answers the thread that finally answered. */
  park() {
    channel.postMessage('parked');
    return new Promise((resolve) => parked.push(() => resolve(threadId)));
  },
  async unpark() {
    unparkAll();
  },
  /** An uncaught error: the thread dies with an 'error' event. */
  crash() {
    setTimeout(() => {
      throw new Error('boom');
    });
    return new Promise(() => undefined);
  },
  /** A real hang: the thread never answers again. */
  hang() {
    for (;;);
  },
};

expose(api, nodeEndpoint(parentPort));
