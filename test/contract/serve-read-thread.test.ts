/**
 * `serve` answers the Overview's first-screen request on a thread of its own (electron/server/read-thread.ts)
 * so the page's code is never held behind the engine's read: the answer is the host engine's own, to the
 * figure; every other method, and any call once the reader has stopped, is the host engine's.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReadThread, type ReadThread } from '../../electron/server/read-thread';
import { testEngine } from '../helpers/engine';

const SAMPLES = ['claude-code-session.jsonl', 'openrouter-activity.csv', 'deepseek-usage-amount-2025-9.csv'].map((f) => join(import.meta.dirname, '..', 'fixtures', 'exports', f));

let reader: ReadThread | undefined;
afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

describe("serve's reader thread", () => {
  it("answers report.overview as the host's engine does, the rest on the host's engine, and all there once closed", async () => {
    const { engine, client, dbPath } = testEngine();
    await client.call('imports.commit', { paths: SAMPLES });
    const hosted: string[] = [];
    const fallback = (method: string, input: unknown) => {
      hosted.push(method);
      return engine.dispatch(method, input);
    };
    reader = startReadThread(dbPath, fallback);
    expect(await reader.ready).toBe(true);
    for (const input of [{ quick: true }, { quick: true, month: '2025-09' }, { quick: true, timeZone: 'Asia/Shanghai', currency: 'CNY' }]) {
      const there = await reader.dispatch('report.overview', input);
      expect(there.ok).toBe(true);
      expect(there).toEqual(await engine.dispatch('report.overview', input));
    }
    expect(hosted).toEqual([]);
    // A later import is in the next answer (each call reads the ledger as committed).
    const before = await reader.dispatch('report.overview', { quick: true, month: '2025-09' });
    await client.call('imports.commit', { paths: [join(import.meta.dirname, '..', 'fixtures', 'exports', 'zhipu-bill-detail.csv')] });
    const after = await reader.dispatch('report.overview', { quick: true, month: '2025-09' });
    expect(after).toEqual(await engine.dispatch('report.overview', { quick: true, month: '2025-09' }));
    expect(after).not.toEqual(before);

    expect((await reader.dispatch('settings.get', {})).ok).toBe(true);
    expect(hosted).toEqual(['settings.get']);
    await reader.close();
    expect((await reader.dispatch('report.overview', { quick: true })).ok).toBe(true);
    expect(hosted).toEqual(['settings.get', 'report.overview']);
  });
});
