import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { dumpTables, fixture, tempLedger, writeLargeOpenRouterCsv, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

describe.each([
  { way: 'as the app imports (through the WAL)', mode: 'shared', journal: false },
  { way: 'as the CLI imports a large file (the ledger taken for itself, under the rollback journal)', mode: 'exclusive', journal: true },
])('a kill during the write transaction, $way', ({ mode, journal }) => {
  it('a child killed after it inserted tens of thousands of rows in its open transaction leaves the previous ledger exactly as it was', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('litellm-spend-logs.csv'), fixture('openrouter-activity.csv')] });
    const before = dumpTables(ledger.engine);
    ledger.engine.close();
    const big = join(ledger.dir, 'big.csv');
    writeLargeOpenRouterCsv(big, 300_000);
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kill-child.ts'), ledger.dbPath, big, mode], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let out = '';
    const rowsAtKill = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('done')) reject(new Error('the import finished before the kill'));
        const rows = [...out.matchAll(/progress (\d+)/g)].map((m) => Number(m[1]));
        const last = rows.at(-1) ?? 0;
        if (last >= 60_000 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve(last);
        }
      });
      child.on('exit', () => reject(new Error('the child exited on its own: ' + stderr)));
    });
    await new Promise((r) => child.once('close', r));
    // Progress is emitted only after a chunk's INSERTs ran: at least 60,000 rows were in the open
    // transaction when it died (held in the page cache and the WAL, never committed).
    expect(rowsAtKill).toBeGreaterThanOrEqual(60_000);
    expect(rowsAtKill).toBeLessThan(300_000);
    // Under the rollback journal the child's writes went into the ledger itself: its journal is left behind (hot),
    // and the next open puts the ledger back from it.
    expect(existsSync(`${ledger.dbPath}-journal`)).toBe(journal);
    const reopened = createEngine({ dbPath: ledger.dbPath });
    try {
      expect(dumpTables(reopened)).toEqual(before);
      expect(reopened.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(reopened.ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(existsSync(`${ledger.dbPath}-journal`)).toBe(false);
      // The ledger still takes imports after the crash.
      const again = await reopened.dispatch('imports.commit', { paths: [fixture('openrouter-generation.jsonl')] });
      expect(again.ok).toBe(true);
    } finally {
      reopened.close();
    }
    ledger.engine = createEngine({ dbPath: ledger.dbPath });
  }, 120_000);
});
