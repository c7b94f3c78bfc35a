import { join } from 'node:path';
import { createClient, type ApiClient } from '../../shared/contract/client';
import type { ApiEventName, ApiEvents } from '../../shared/contract/events';
import { createEngine, type Engine } from '../../electron/engine';
import { onCleanup, tempDir } from './tmp';

export interface TestEngine {
  engine: Engine;
  client: ApiClient;
  dbPath: string;
  events: { event: ApiEventName; payload: ApiEvents[ApiEventName] }[];
}

/**
 * A real engine over a real SQLite file in a temp folder, closed after the test. Its clock is the
 * suite's fixed instant (TOKENLEDGER_NOW, see vitest.config.mts) unless the test passes its own.
 */
export function testEngine(opts: { now?: () => number } = {}): TestEngine {
  const dir = tempDir();
  const dbPath = join(dir, 'ledger.sqlite');
  const events: TestEngine['events'] = [];
  const listeners = new Set<(event: ApiEventName, payload: unknown) => void>();
  const engine = createEngine({
    dbPath,
    ...(opts.now ? { now: opts.now } : {}),
    onEvent: (event, payload) => {
      events.push({ event, payload });
      for (const l of listeners) l(event, payload);
    },
  });
  onCleanup(() => engine.close());
  const client = createClient({
    invoke: (m, i) => engine.dispatch(m, i),
    on: <E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) => {
      const l = (name: ApiEventName, payload: unknown) => {
        if (name === event) listener(payload as ApiEvents[E]);
      };
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  return { engine, client, dbPath, events };
}

export interface CapturedIo {
  out(text: string): void;
  err(text: string): void;
  stdout: string[];
  stderr: string[];
}

export function captureIo(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}
