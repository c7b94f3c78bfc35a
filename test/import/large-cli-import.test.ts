/**
 * `tokenledger import` of a large export (a file over 16 MB) into a ledger no other connection has open writes
 * it once, under the rollback journal (ledger/write-once.ts), instead of through the WAL: the same ledger as
 * the desktop app's import of the same file (which always goes through the WAL, its window reading beside
 * it), the ledger back in WAL mode after, nothing left of it when the import fails, and a preview or a ledger
 * someone else has open goes through the WAL as before.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { createEngine, type Engine } from '../../electron/engine';
import { lastImportStats } from '../../electron/engine/imports/run';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { dumpTables, fixture, writeLargeOpenRouterCsv } from './helpers';

const ENV = { ...process.env, TOKENLEDGER_NOW: '2025-10-20T15:00:00Z', TOKENLEDGER_LANG: 'en' };
/** Over LOG_FILE_BYTES (16 MB): the size of export the CLI may write once. */
const ROWS = 95_000;

const opened: Engine[] = [];
afterEach(() => {
  for (const e of opened.splice(0)) e.close();
});

function engineOn(dbPath: string): Engine {
  const e = createEngine({ dbPath });
  opened.push(e);
  return e;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await runCli(args, io, ENV);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

const header = (path: string) => [...readFileSync(path).subarray(18, 20)];

/** The ledger's derived rows and facts, the machine id (each ledger's own) left out. */
function derived(e: Engine) {
  const rows = (q: string) => e.ctx.db.prepare(q).safeIntegers(true).all();
  return {
    facts: dumpTables(e, ['usage_facts']).usage_facts!,
    daily: rows('SELECT * FROM rollup_daily ORDER BY day, provider, model, api_key, project, currency').map((r) => ({ ...(r as object), machine: null })),
    hourly: rows('SELECT * FROM rollup_hourly ORDER BY day, hour, provider, model, project, currency'),
    days: rows('SELECT day, facts, max_end_ms FROM ledger_days ORDER BY day'),
    cells: rows('SELECT * FROM rollup_tip_cells ORDER BY day, provider, model, api_key, project').map((r) => ({ ...(r as object), machine: null })),
  };
}

describe('a large export imported by the CLI', () => {
  it('is written once, the ledger taken for itself, and gives the ledger the app gives it, back in WAL mode', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.csv');
    writeLargeOpenRouterCsv(big, ROWS);
    const viaCli = join(dir, 'cli.sqlite');
    const r = await cli(['import', big, '--db', viaCli, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).counts).toEqual({ new: ROWS, duplicate: 0, revised: 0, skipped: 0, error: 0 });
    expect(lastImportStats()?.writtenOnce).toBe(true);
    expect(header(viaCli)).toEqual([2, 2]);
    expect(existsSync(`${viaCli}-journal`)).toBe(false);

    // The desktop app's way: an engine other calls read through while it imports.
    const app = engineOn(join(dir, 'app.sqlite'));
    const done = await app.dispatch('imports.commit', { paths: [big], onError: 'abort' });
    expect(done.ok).toBe(true);
    expect(lastImportStats()?.writtenOnce).toBe(false);

    const cliLedger = engineOn(viaCli);
    expect(cliLedger.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(derived(cliLedger)).toEqual(derived(app));
    expect(derived(cliLedger).facts.length).toBe(ROWS);
  }, 120_000);

  it('that fails on a bad row leaves the ledger as it was, in WAL mode, no journal left', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ledger.sqlite');
    expect((await cli(['import', fixture('litellm-spend-logs.csv'), fixture('openrouter-activity.csv'), '--db', dbPath])).code).toBe(0);
    const before = dumpTables(engineOn(dbPath));
    opened.pop()!.close();
    const big = join(dir, 'big.csv');
    writeLargeOpenRouterCsv(big, ROWS);
    appendFileSync(big, 'gen-bad,not a time,0.1,0,,,0,10,5,0,0,openai/gpt-4o,OpenAI,standard,false,true,,stop,stop,100,10,false,k,app\n');
    const r = await cli(['import', big, '--db', dbPath]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`line ${ROWS + 2}`);
    expect(lastImportStats()?.writtenOnce).toBe(true);
    expect(existsSync(`${dbPath}-journal`)).toBe(false);
    expect(header(dbPath)).toEqual([2, 2]);
    const after = engineOn(dbPath);
    expect(dumpTables(after)).toEqual(before);
    expect(after.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);

  it('goes through the WAL when another connection has the ledger open, and as a preview', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ledger.sqlite');
    const big = join(dir, 'big.csv');
    writeLargeOpenRouterCsv(big, ROWS);
    engineOn(dbPath);
    const reader = new Database(dbPath, { readonly: true });
    try {
      const r = await cli(['import', big, '--db', dbPath, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(lastImportStats()?.writtenOnce).toBe(false);
      expect(reader.prepare('SELECT count(*) FROM usage_facts').pluck().get()).toBe(ROWS);
    } finally {
      reader.close();
    }
    opened.pop()!.close();
    const preview = await cli(['import', big, '--db', join(dir, 'other.sqlite'), '--dry-run', '--json']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(lastImportStats()?.writtenOnce).toBe(false);
  }, 120_000);
});
