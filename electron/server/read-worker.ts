/**
 * The browser host's reader (node:worker_threads): answers the Overview's first-screen request on its own
 * connection to the ledger (read-thread.ts starts it), so the host's thread keeps answering the page's other
 * requests, its code first, while the engine reads the month on the other core.
 *
 * Each call runs in one read transaction: every statement of an answer reads the same state of the ledger,
 * even when the host's own engine commits an import meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine';

export interface ReadCall {
  id: number;
  method: string;
  input: unknown;
}

const port = parentPort!;
const engine = createEngine({ dbPath: (workerData as { dbPath: string }).dbPath });
let queue: Promise<void> = Promise.resolve();

port.on('message', (call: ReadCall) => {
  // One call at a time: a read transaction per call on this one connection.
  queue = queue.then(async () => {
    engine.ctx.db.exec('BEGIN');
    try {
      port.postMessage({ id: call.id, result: await engine.dispatch(call.method, call.input) });
    } finally {
      engine.ctx.db.exec('COMMIT');
    }
  });
});
port.postMessage({ ready: true });
