import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract';
import { runCli } from '../../electron/cli/main';
import { importRunCount } from '../../electron/engine/imports/run';
import { createEngine } from '../../electron/engine';
import { dumpTables, EXPECTED, fixture, tempLedger, writeLargeOpenRouterCsv, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

describe('the imports contract', () => {
  it('previews uploaded contents (browser host), commits by previewId, lists and undoes the batch', async () => {
    ledger = tempLedger();
    const content = readFileSync(fixture('openrouter-activity.csv')).toString('base64');
    const preview = await ledger.api.call('imports.preview', { files: [{ name: 'activity.csv', contentBase64: content }] });
    // 15 generations, one of which also bills a web search: its own fee line.
    expect(preview.files[0]).toMatchObject({ file: 'activity.csv', format: 'openrouter-activity-csv', batchId: null, counts: { new: 16 } });
    expect(preview.files[0]!.sample.length).toBeGreaterThan(0);
    expect(preview.files[0]!.sample[0]).toMatchObject({ class: 'new', line: 2, provider: 'openrouter' });
    const byModel = preview.files[0]!.totals;
    expect(byModel.reduce((s, t) => s + t.tokens.output, 0)).toBe(EXPECTED['openrouter-activity.csv']!.output);
    expect(byModel.every((t) => t.currency === 'USD')).toBe(true);
    expect(await ledger.api.call('imports.list', {})).toEqual([]);

    const committed = await ledger.api.call('imports.commit', { previewId: preview.previewId });
    const batchId = committed.files[0]!.batchId!;
    const list = await ledger.api.call('imports.list', {});
    expect(list[0]).toMatchObject({ id: batchId, file: 'activity.csv', path: null, format: 'openrouter-activity-csv', status: 'committed', counts: { new: 16 } });
    expect(list[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(ledger.api.call('imports.commit', { previewId: preview.previewId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ledger.api.call('imports.undo', { batchId });
    expect((await ledger.api.call('report.totals', {})).factCount).toBe(0);
  });

  it('rejects an input naming neither paths nor files', async () => {
    ledger = tempLedger();
    await expect(ledger.api.call('imports.preview', {} as never)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('emits throttled progress with rows, bytes and speed, and cancel stops the import with nothing written', async () => {
    ledger = tempLedger();
    const big = join(ledger.dir, 'big.csv');
    writeLargeOpenRouterCsv(big, 150_000);
    const before = dumpTables(ledger.engine);
    const importId = 'cancel-me';
    const l = ledger;
    const off = setInterval(() => {
      if (l.events.some((e) => e.event === 'import.progress')) void l.api.call('imports.cancel', { importId });
    }, 5);
    const err = await ledger.api.call('imports.commit', { paths: [big], importId }).catch((e: unknown) => e);
    clearInterval(off);
    expect(err).toMatchObject({ code: 'CANCELLED' });
    const progress = ledger.events.filter((e) => e.event === 'import.progress').map((e) => e.payload as { importId: string; rows: number; bytes: number; totalBytes: number; rowsPerSecond: number });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ importId });
    expect(progress.at(-1)!.rows).toBeGreaterThan(0);
    expect(progress.at(-1)!.bytes).toBeGreaterThan(0);
    expect(progress.at(-1)!.totalBytes).toBeGreaterThan(progress.at(-1)!.bytes - 1);
    expect(dumpTables(ledger.engine)).toEqual(before);
    expect((await ledger.api.call('imports.cancel', { importId })).cancelled).toBe(false);
  });
});

describe('a crash mid-import', () => {
  it('a child process killed with SIGKILL mid-import leaves the previous ledger intact and openable', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('litellm-spend-logs.csv')] });
    const before = dumpTables(ledger.engine);
    ledger.engine.close();
    const big = join(ledger.dir, 'big.csv');
    writeLargeOpenRouterCsv(big, 200_000);
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kill-child.ts'), ledger.dbPath, big], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const outcome = await new Promise<string>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        const text = d.toString();
        if (text.includes('done')) resolve('finished before the kill');
        else if (text.includes('progress') && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve('killed');
        }
      });
      child.on('exit', () => resolve('exited: ' + stderr));
    });
    expect(outcome).toBe('killed');
    await new Promise((r) => child.once('close', r));
    const reopened = createEngine({ dbPath: ledger.dbPath });
    try {
      expect(dumpTables(reopened)).toEqual(before);
      expect(reopened.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reopened.close();
    }
    // The helper's own engine was closed above; give it a fresh one so afterEach can close it.
    ledger.engine = createEngine({ dbPath: ledger.dbPath });
  }, 60_000);
});

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('tokenledger import / imports', () => {
  it('imports, prints the preview, and report --json has the stable totals shape', async () => {
    ledger = tempLedger();
    ledger.engine.close();
    const db = ledger.dbPath;
    const c = captureIo();
    expect(await runCli(['import', '--db', db, fixture('openrouter-activity.csv')], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('Imported 1 file: 16 new'); // 15 generations and one web search fee line
    const r = captureIo();
    expect(await runCli(['report', '--db', db, '--json'], r.io)).toBe(0);
    const report = JSON.parse(r.out.join('\n')) as { totals: { tokens: Record<string, number>; requests: number; billed: Record<string, string> } };
    expect(Object.keys(report.totals.tokens).sort()).toEqual(['cache_read', 'cache_write_1h', 'cache_write_5m', 'input', 'output', 'reasoning']);
    expect(report.totals.tokens.output).toBe(EXPECTED['openrouter-activity.csv']!.output);
    expect(report.totals.requests).toBe(15);
    expect(report.totals.billed.USD).toMatch(/^0\.546065/);
    const l = captureIo();
    expect(await runCli(['imports', 'list', '--db', db, '--json'], l.io)).toBe(0);
    const batches = JSON.parse(l.out.join('\n')) as Array<{ id: number }>;
    expect(batches).toHaveLength(1);
    const u = captureIo();
    expect(await runCli(['imports', 'undo', String(batches[0]!.id), '--db', db], u.io)).toBe(0);
    expect(u.out.join('\n')).toContain('16 rows removed');
    ledger.engine = createEngine({ dbPath: db });
  });

  it('commits in one pass over the files (the pipeline runs once), and a dry run is one pass too', async () => {
    ledger = tempLedger();
    ledger.engine.close();
    const files = [fixture('openrouter-activity.csv'), fixture('openai-usage-completions.json')];
    let runs = importRunCount();
    const dry = captureIo();
    expect(await runCli(['import', '--db', ledger.dbPath, '--dry-run', ...files], dry.io)).toBe(0);
    expect(importRunCount() - runs).toBe(1);
    runs = importRunCount();
    const c = captureIo();
    expect(await runCli(['import', '--db', ledger.dbPath, '--json', ...files], c.io)).toBe(0);
    expect(importRunCount() - runs).toBe(1);
    const json = JSON.parse(c.out.join('\n')) as { committed: boolean; counts: { new: number }; files: Array<{ batchId: number | null }> };
    expect(json.committed).toBe(true);
    expect(json.counts.new).toBe(16 + 8); // 15 generations and a web search fee line; 8 usage buckets
    expect(json.files.map((f) => f.batchId)).toEqual([1, 2]);
    ledger.engine = createEngine({ dbPath: ledger.dbPath });
  });

  it('--dry-run prints the preview and leaves the ledger unchanged; --json has the preview shape', async () => {
    ledger = tempLedger();
    const before = dumpTables(ledger.engine);
    ledger.engine.close();
    const c = captureIo();
    expect(await runCli(['import', '--db', ledger.dbPath, '--dry-run', '--json', fixture('openai-usage-completions.json')], c.io)).toBe(0);
    const json = JSON.parse(c.out.join('\n')) as { committed: boolean; files: Array<{ format: string; counts: { new: number }; batchId: null }> };
    expect(json.committed).toBe(false);
    expect(json.files[0]).toMatchObject({ format: 'openai-usage-json', counts: { new: 8 }, batchId: null });
    ledger.engine = createEngine({ dbPath: ledger.dbPath });
    expect(dumpTables(ledger.engine)).toEqual(before);
  });

  it('exits non-zero when a file is refused, and --on-error skip imports the readable rows', async () => {
    ledger = tempLedger();
    ledger.engine.close();
    const notes = join(ledger.dir, 'notes.txt');
    (await import('node:fs')).writeFileSync(notes, 'hello,world\n1,2\n');
    const c = captureIo();
    expect(await runCli(['import', '--db', ledger.dbPath, notes], c.io)).toBe(EXIT_CODES.UNRECOGNIZED_FILE);
    expect(c.err.join('\n')).toContain('notes.txt');
    const j = captureIo();
    expect(await runCli(['import', '--db', ledger.dbPath, '--json', notes], j.io)).toBe(EXIT_CODES.UNRECOGNIZED_FILE);
    expect(JSON.parse(j.out.join('\n'))).toMatchObject({ error: { code: 'UNRECOGNIZED_FILE' } });
    const h = captureIo();
    expect(await runCli(['import', '--help'], h.io)).toBe(0);
    expect(h.out.join('\n')).toContain('--on-error');
    const bad = captureIo();
    expect(await runCli(['import', '--db', ledger.dbPath, '--on-error', 'maybe', notes], bad.io)).toBe(EXIT_CODES.VALIDATION);
    ledger.engine = createEngine({ dbPath: ledger.dbPath });
  });
});
