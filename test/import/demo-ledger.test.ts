/**
 * Demo data never lands in the user's ledger unasked: the CLI's `demo` and `serve --demo` use a demo
 * ledger of their own without --db; demo batches are marked, load once, and go out in one step.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { demoFiles } from '../../electron/engine/imports/demo-story';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const USER_FILE = join(EXPORTS, 'openrouter-generation.jsonl');

afterEach(() => vi.unstubAllEnvs());

/** The demo's files at the suite's instant (the engine's clock in every test here). */
const FILES = demoFiles(Date.parse(process.env.TOKENLEDGER_NOW!));
const N = FILES.length;

async function cli(args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('tokenledger demo', () => {
  it('without --db loads into the demo ledger beside the user ledger, prints its path, and leaves the user ledger alone', async () => {
    const dir = tempDir();
    const userDb = join(dir, 'ledger.sqlite');
    vi.stubEnv('TOKENLEDGER_DB', userDb);
    expect((await cli(['import', USER_FILE])).code).toBe(0);
    const userBefore = JSON.parse((await cli(['report', '--json'])).out) as { factCount: number };

    const demoDb = join(dir, 'demo-ledger.sqlite');
    const r = await cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Loaded ${N} demo files into ${demoDb}`);
    expect(existsSync(demoDb)).toBe(true);
    expect(JSON.parse((await cli(['report', '--json'])).out)).toEqual(userBefore);
    const demo = JSON.parse((await cli(['report', '--json', '--db', demoDb])).out) as { factCount: number };
    expect(demo.factCount).toBeGreaterThan(50);

    // Again: nothing added, no new batches.
    const again = await cli(['demo', '--json']);
    const body = JSON.parse(again.out) as { alreadyLoaded: boolean; db: string; files: unknown[] };
    expect([body.alreadyLoaded, body.db, body.files.length]).toEqual([true, demoDb, N]);
    const batches = JSON.parse((await cli(['call', 'imports.list', '{}', '--db', demoDb])).out) as { demo: boolean }[];
    expect(batches.map((b) => b.demo)).toEqual(Array(N).fill(true));

    const removed = await cli(['demo', '--remove']);
    expect(removed.out).toContain(`Removed the demo data from ${demoDb}: ${N} batches, ${demo.factCount.toLocaleString('en-US')} rows`);
    expect((JSON.parse((await cli(['report', '--json', '--db', demoDb])).out) as { factCount: number }).factCount).toBe(0);
  });

  it('with --db loads into that ledger, as the user asked', async () => {
    const db = join(tempDir(), 'mine.sqlite');
    const r = await cli(['demo', '--db', db]);
    expect(r.out).toContain(`Loaded ${N} demo files into ${db}`);
  });

  it('serve --demo names the demo ledger in its help', async () => {
    const r = await cli(['serve', '--help']);
    expect(r.out).toContain('without --db: into the demo ledger');
  });
});

describe('demo data in a ledger with the user own imports', () => {
  it('is marked, loads once, and "Remove demo data" takes out exactly the demo batches in one step', async () => {
    const { client, events } = testEngine();
    await client.call('imports.commit', { paths: [USER_FILE] });
    const before = await client.call('report.totals', {});
    const loaded = await client.call('demo.load', {});
    expect(loaded.alreadyLoaded).toBe(false);
    expect(await client.call('demo.status', {})).toEqual({ loaded: true, batches: N });
    const again = await client.call('demo.load', {});
    expect(again.alreadyLoaded).toBe(true);
    expect((await client.call('imports.list', {})).length).toBe(N + 1);

    events.length = 0;
    const r = await client.call('demo.remove', {});
    expect(r.batches).toBe(N);
    expect(r.removed).toBe(loaded.files.reduce((s, f) => s + f.rowsNew, 0));
    expect(r.totals).toEqual(before.totals);
    expect(await client.call('report.totals', {})).toEqual(before);
    expect(await client.call('demo.status', {})).toEqual({ loaded: false, batches: 0 });
    expect(events.filter((e) => e.event === 'ledger.changed').map((e) => (e.payload as { reason: string }).reason)).toEqual(['demo']);
    const list = await client.call('imports.list', {});
    expect(list.filter((b) => b.status === 'committed').map((b) => [b.file, b.demo])).toEqual([[USER_FILE, false]]);
    await expect(client.call('demo.remove', {})).rejects.toThrow('There is no demo data in this ledger');
  });

  it('refuses, removing nothing, while one of the user imports revised demo rows', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    // The user's own copy of a DeepSeek export the demo holds, with one amount changed.
    const sample = FILES.find((f) => f.name === 'deepseek-usage-amount-2025-9.csv')!.text;
    const lines = sample.split('\r\n');
    lines[1] = lines[1]!.replace(/,(\d+)$/, (_m, n: string) => `,${Number(n) + 1}`);
    const path = join(tempDir(), 'deepseek-usage-amount-2025-9.csv');
    writeFileSync(path, lines.join('\r\n'));
    const user = await client.call('imports.commit', { paths: [path] });
    expect(user.counts.revised).toBe(1);
    const before = await client.call('report.totals', {});
    const userBatch = user.files[0]!.batchId!;
    await expect(client.call('demo.remove', {})).rejects.toThrow(
      `Import batch ${userBatch} revised rows of the demo data (deepseek-usage-amount-2025-9.csv); undo batch ${userBatch} first`,
    );
    expect(await client.call('report.totals', {})).toEqual(before);
    expect(await client.call('demo.status', {})).toEqual({ loaded: true, batches: N });
  });
});
