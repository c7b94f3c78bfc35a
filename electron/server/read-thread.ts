/**
 * The engine's reads the browser host answers on another thread (read-worker.ts): the Overview's first-screen
 * request, which the page sends while its code loads (renderer/public/early-overview.js). On the host's thread
 * the engine's read (a third of a second at 10M facts, more on a busy machine) held every request behind it,
 * the page's code included. Until the worker is ready, or if it cannot start or stops, those calls go to the
 * host's own engine. Running from sources (tests, bench) the worker loads its TypeScript through tsx.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../shared/contract/errors';
import type { Dispatch } from '../engine';
import type { ReadCall } from './read-worker';

/** The methods answered on the reader's thread: reads only (none is a writer), each one read transaction. */
export const READ_THREAD_METHODS: ReadonlySet<string> = new Set(['report.overview']);

export interface ReadThread {
  /** The call on the reader's thread when it is ready, else on `fallback`. */
  dispatch(method: string, input: unknown): ReturnType<Dispatch>;
  /** Resolves once the worker answers (true), or could not start or stopped (false). */
  ready: Promise<boolean>;
  close(): Promise<void>;
}

function startWorker(dbPath: string): Worker | null {
  const here = import.meta.url;
  const ts = new URL('./read-worker.ts', here);
  const js = new URL('./read-worker.js', here);
  try {
    if (here.endsWith('.ts') && existsSync(fileURLToPath(ts))) {
      const tsx = import.meta.resolve('tsx/esm/api');
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); })`;
      return new Worker(boot, { eval: true, workerData: { dbPath } });
    }
    if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: { dbPath } });
  } catch {
    return null;
  }
  return null;
}

export function startReadThread(dbPath: string, fallback: Dispatch): ReadThread {
  const worker = startWorker(dbPath);
  let ready = false;
  let said: (up: boolean) => void = () => {};
  const whenReady = worker ? new Promise<boolean>((ok) => (said = ok)) : Promise.resolve(false);
  let seq = 0;
  const pending = new Map<number, { call: ReadCall; ok: (r: ApiResult<unknown>) => void }>();
  const stopped = () => {
    ready = false;
    said(false);
    // Calls the worker will not answer are answered here.
    for (const { call, ok } of pending.values()) void fallback(call.method, call.input).then(ok);
    pending.clear();
  };
  worker?.on('message', (m: { ready: true } | { id: number; result: ApiResult<unknown> }) => {
    if ('ready' in m) said((ready = true));
    else {
      pending.get(m.id)?.ok(m.result);
      pending.delete(m.id);
    }
  });
  worker?.on('error', stopped);
  worker?.on('exit', stopped);
  // The host exits when its server closes, whatever the worker is doing.
  worker?.unref();
  return {
    ready: whenReady,
    dispatch(method, input) {
      if (!worker || !ready || !READ_THREAD_METHODS.has(method)) return fallback(method, input);
      const call = { id: ++seq, method, input };
      return new Promise((ok) => {
        pending.set(call.id, { call, ok });
        worker.postMessage(call);
      });
    },
    close: async () => {
      ready = false;
      worker?.off('error', stopped).off('exit', stopped);
      if (worker) await worker.terminate();
    },
  };
}
