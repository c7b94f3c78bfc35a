/**
 * The status line's kept figures (`<ledger>.statusline.json`) print exactly the line the ledger gives when
 * computed afresh, at instants the test passes (never the wall clock): across a ledger change (an import,
 * a settings change), a day change (UTC and a zone east of it) and a block change, each of which must
 * recompute, while a later instant inside the same day and block is answered from the file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openQuickStatusLine } from '../../electron/engine/statusline-compute';
import { quickStatusLine, statusCachePath, type StatusInput } from '../../electron/engine/statusline';
import { writeOnce } from '../../electron/engine/ledger/write-once';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

/** A Claude Code session file: one call per instant (sonnet 4, 1,000 input and 500 output tokens each). */
function sessionFile(dir: string, session: string, instants: string[]): string {
  const path = join(dir, `${session}.jsonl`);
  const lines = instants.map(
    (ts, i) =>
      `{"type":"assistant","uuid":"${session}-${i}","timestamp":"${ts}","sessionId":"${session}","cwd":"/tmp/p","message":{"id":"msg_${session}_${i}","model":"claude-sonnet-4-20250514","usage":{"input_tokens":1000,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":500}},"requestId":"req_${session}_${i}"}`,
  );
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('the status line kept beside the ledger', () => {
  it('prints the computed line at every instant, recomputing after a ledger, day or block change', async () => {
    const dir = tempDir();
    const { client, dbPath } = testEngine();
    await client.call('imports.commit', { paths: [sessionFile(dir, 's1', ['2025-09-10T20:30:00.000Z', '2025-09-10T21:00:00.000Z', '2025-09-10T22:10:00.000Z'])] });
    await client.call('settings.update', { timeZone: 'UTC', displayCurrency: 'USD' });
    const input: StatusInput = { sessionId: 's1', model: 'Sonnet 4' };

    /** The line at `at` through the kept figures, and computed afresh (no file): they must be equal. */
    async function lineAt(at: string): Promise<{ line: string; cached: boolean }> {
      const env = { TOKENLEDGER_NOW: at };
      const kept = (await quickStatusLine(dbPath, async () => input, env))!;
      const fresh = openQuickStatusLine(dbPath, env)!;
      try {
        expect(kept.line, at).toBe(fresh.line(input));
      } finally {
        fresh.close();
      }
      return kept;
    }

    // Three calls from 20:30 UTC: the block runs 20:00-01:00. $0.0105 a call (1,000 x $3 + 500 x $15 per million).
    expect(await lineAt('2025-09-10T22:30:00Z')).toEqual({ line: 'Sonnet 4 | today $0.03 | block $0.03, 2h 30m left | session $0.03', cached: false });
    // Later in the same day and block: from the file, its minutes counted at the new instant.
    expect(await lineAt('2025-09-10T22:45:00Z')).toEqual({ line: 'Sonnet 4 | today $0.03 | block $0.03, 2h 15m left | session $0.03', cached: true });

    // A ledger change: a call of another session at 22:40.
    await client.call('imports.commit', { paths: [sessionFile(dir, 's2', ['2025-09-10T22:40:00.000Z'])] });
    expect(await lineAt('2025-09-10T22:50:00Z')).toEqual({ line: 'Sonnet 4 | today $0.04 | block $0.04, 2h 10m left | session $0.03', cached: false });
    expect((await lineAt('2025-09-10T23:59:59Z')).cached).toBe(true);

    // A day change (UTC): today starts again, the block runs on.
    expect(await lineAt('2025-09-11T00:10:00Z')).toEqual({ line: 'Sonnet 4 | today $0.00 | block $0.04, 0h 50m left | session $0.03', cached: false });
    expect((await lineAt('2025-09-11T00:30:00Z')).cached).toBe(true);

    // A block change: past 01:00 no block is active.
    expect(await lineAt('2025-09-11T01:00:00Z')).toEqual({ line: 'Sonnet 4 | today $0.00 | no active block | session $0.03', cached: false });
    expect(await lineAt('2025-09-11T03:00:00Z')).toEqual({ line: 'Sonnet 4 | today $0.00 | no active block | session $0.03', cached: true });

    // A settings change is a ledger change: in Shanghai (UTC+8) the calls of 20:30-22:40 UTC fall on the
    // 11th, whose day there ends at 16:00 UTC.
    await client.call('settings.update', { timeZone: 'Asia/Shanghai' });
    expect(await lineAt('2025-09-11T03:00:00Z')).toEqual({ line: 'Sonnet 4 | today $0.04 | no active block | session $0.03', cached: false });
    expect((await lineAt('2025-09-11T15:59:59Z')).cached).toBe(true);
    expect(await lineAt('2025-09-11T16:00:00Z')).toEqual({ line: 'Sonnet 4 | today $0.00 | no active block | session $0.03', cached: false });

    // Another session is kept beside the first; an earlier instant than the kept one is computed.
    expect(await lineAt('2025-09-11T16:00:00Z')).toMatchObject({ cached: true });
    const other = await quickStatusLine(dbPath, async () => ({ sessionId: 's2' }), { TOKENLEDGER_NOW: '2025-09-11T16:00:00Z' });
    expect(other).toEqual({ line: 'today $0.00 | no active block | session $0.01', cached: false });
    expect((await lineAt('2025-09-11T16:30:00Z')).cached).toBe(true);
    expect((await lineAt('2025-09-11T15:00:00Z')).cached).toBe(false);
  });

  it('answers the figures kept before a large CLI import while it holds the ledger, at once, and the new ones after its commit', async () => {
    const dir = tempDir();
    const { engine, client, dbPath } = testEngine();
    await client.call('imports.commit', { paths: [sessionFile(dir, 's1', ['2025-09-10T20:30:00.000Z'])] });
    await client.call('settings.update', { timeZone: 'UTC', displayCurrency: 'USD' });
    const lineAt = (at: string) => quickStatusLine(dbPath, async () => ({ sessionId: 's1', model: 'Sonnet 4' }), { TOKENLEDGER_NOW: at });
    expect(await lineAt('2025-09-10T22:30:00Z')).toEqual({ line: 'Sonnet 4 | today $0.01 | block $0.01, 2h 30m left | session $0.01', cached: false });

    // The ledger taken as `tokenledger import` takes it for a large file, and written to: the file changes, its
    // journal is beside it, and a reader would wait for the commit (5 s, then fail). The line is the one kept.
    const db = engine.ctx.db;
    const alone = writeOnce(db, 16 * 1024)!;
    db.exec("BEGIN EXCLUSIVE; INSERT INTO settings (key, value) VALUES ('test.during', '1')");
    expect(existsSync(`${dbPath}-journal`)).toBe(true);
    expect(await lineAt('2025-09-10T22:45:00Z')).toEqual({ line: 'Sonnet 4 | today $0.01 | block $0.01, 2h 15m left | session $0.01', cached: true });
    db.exec('COMMIT');
    alone.restore();

    // Committed: a change of the ledger, computed again.
    await client.call('imports.commit', { paths: [sessionFile(dir, 's1b', ['2025-09-10T22:40:00.000Z'])] });
    expect(await lineAt('2025-09-10T22:50:00Z')).toEqual({ line: 'Sonnet 4 | today $0.02 | block $0.02, 2h 10m left | session $0.01', cached: false });
  });

  it('computes when the kept file is unreadable, and leaves a missing ledger to the full CLI without reading stdin', async () => {
    const { client, dbPath } = testEngine();
    await client.call('settings.update', { timeZone: 'UTC' });
    writeFileSync(statusCachePath(dbPath), '{not json');
    expect(await quickStatusLine(dbPath, async () => ({}), { TOKENLEDGER_NOW: '2025-09-10T12:00:00Z' })).toEqual({ line: 'today $0.00 | no active block', cached: false });
    let read = false;
    const none = await quickStatusLine(join(tempDir(), 'none.sqlite'), async () => ((read = true), {}), { TOKENLEDGER_NOW: '2025-09-10T12:00:00Z' });
    expect([none, read]).toEqual([null, false]);
  });
});
