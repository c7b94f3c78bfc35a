/**
 * Backup and restore through the browser host: the backup is a download, the restore an upload; the
 * browser names no file on the serving machine, and the routes are guarded like every API call.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILE_ROUTES, TOKEN_HEADER } from '../../shared/contract/transport';
import { startServer, type RunningServer } from '../../electron/server';
import { testEngine, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

describe('the HTTP host: the ledger file', () => {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  async function start(): Promise<{ t: TestEngine; s: RunningServer }> {
    const t = testEngine();
    const s = await startServer({ dispatch: t.engine.dispatch, staticDir: tempDir() });
    servers.push(s);
    return { t, s };
  }

  const download = (s: RunningServer, headers: Record<string, string> = { [TOKEN_HEADER]: s.token }) =>
    fetch(`http://127.0.0.1:${s.port}${LEDGER_FILE_ROUTES.backup}`, { headers });
  const upload = (s: RunningServer, body: Buffer, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${s.port}${LEDGER_FILE_ROUTES.restore}?name=my-backup.sqlite`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: s.token, ...headers },
      body: new Uint8Array(body),
    });
  const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('tokenledger-serve-'));

  it('downloads a backup that is a ledger with the same totals, and leaves no copy behind', async () => {
    const { t, s } = await start();
    await t.client.call('demo.load', {});
    const before = await t.client.call('report.totals', {});
    expect(before.factCount).toBeGreaterThan(50);
    const res = await download(s);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tokenledger-backup.sqlite"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    // The temp copy goes once the response is sent (just after the last byte reaches the client).
    await vi.waitFor(() => expect(leftovers()).toEqual([]));

    // The downloaded file, restored into another ledger through its own host, gives the same figures.
    const other = await start();
    const restored = await upload(other.s, bytes);
    expect(restored.status).toBe(200);
    const body = (await restored.json()) as { ok: boolean; value: { path: string; facts: number; safetyCopy: string } };
    expect(body).toMatchObject({ ok: true, value: { path: 'my-backup.sqlite', facts: before.factCount } });
    expect(await other.t.client.call('report.totals', {})).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('refuses to restore from a file that is not a ledger, and the ledger is unchanged', async () => {
    const { t, s } = await start();
    await t.client.call('demo.load', {});
    const before = await t.client.call('report.totals', {});
    const text = await upload(s, Buffer.from('date,model,cost\n2025-01-01,gpt-4o,1.00\n'));
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'my-backup.sqlite is not a Token Ledger backup' } });
    // Another application's SQLite file is refused too.
    const foreignPath = join(tempDir(), 'foreign.sqlite');
    const foreign = new Database(foreignPath);
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    foreign.close();
    const other = await upload(s, readFileSync(foreignPath));
    expect(other.status).toBe(400);
    expect(await t.client.call('report.totals', {})).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('answers 401 without the token, and refuses another origin or a restore not sent as a file', async () => {
    const { t, s } = await start();
    await t.client.call('demo.load', {});
    const before = await t.client.call('report.totals', {});
    expect((await download(s, {})).status).toBe(401);
    expect((await download(s, { [TOKEN_HEADER]: 'x'.repeat(s.token.length) })).status).toBe(401);
    // The token in the URL is not accepted either (only the event stream may carry it there).
    expect((await fetch(`http://127.0.0.1:${s.port}${LEDGER_FILE_ROUTES.backup}?token=${s.token}`)).status).toBe(401);
    expect((await download(s, { [TOKEN_HEADER]: s.token, origin: 'https://evil.example' })).status).toBe(403);
    const backup = Buffer.from(await (await download(s)).arrayBuffer());
    const noToken = await fetch(`http://127.0.0.1:${s.port}${LEDGER_FILE_ROUTES.restore}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(backup) });
    expect(noToken.status).toBe(401);
    expect((await upload(s, backup, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await upload(s, backup, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(await t.client.call('report.totals', {})).toEqual(before);
  });
});
