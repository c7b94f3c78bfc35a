/**
 * The same contract through each host's entry: Electron IPC (with a stand-in event object),
 * HTTP (the real server on 127.0.0.1) and the CLI. Unknown methods and malformed inputs answer a
 * typed error before any handler runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { METHOD_NAMES } from '../../shared/contract/methods';
import { createInvokeHandler } from '../../electron/main/ipc';
import { CSP, TOKEN_HEADER } from '../../shared/contract/transport';
import { startServer, type RunningServer } from '../../electron/server';
import { runCli } from '../../electron/cli/main';
import { commands } from '../../electron/cli/commands';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const APP_URL = 'file:///app/out/renderer/index.html';
const trusted = (url: string) => url.startsWith('file:///app/out/renderer/');

describe('the IPC host', () => {
  it('answers a known method with { ok: true, value }', async () => {
    const { engine } = testEngine();
    const handler = createInvokeHandler(engine.dispatch, trusted);
    const result = await handler({ senderFrame: { url: APP_URL } }, 'settings.get', {});
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ displayCurrency: 'USD', weekStart: 'monday' }) });
  });

  it('answers UNKNOWN_METHOD for a method the contract does not have', async () => {
    const { engine } = testEngine();
    const handler = createInvokeHandler(engine.dispatch, trusted);
    const result = await handler({ senderFrame: { url: APP_URL } }, 'ledger.drop', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: expect.stringContaining('Unknown method "ledger.drop"') } });
  });

  it('answers VALIDATION naming the field for a malformed input, before the handler runs', async () => {
    const { engine } = testEngine();
    const handler = createInvokeHandler(engine.dispatch, trusted);
    const result = await handler({ senderFrame: { url: APP_URL } }, 'report.totals', { from: 'last tuesday' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toBe('Invalid input for report.totals: from: expected a day as YYYY-MM-DD');
    expect(result.error.details).toEqual({ issues: [{ path: 'from', message: 'expected a day as YYYY-MM-DD' }] });
  });

  it('rejects unknown keys instead of ignoring them', async () => {
    const { engine } = testEngine();
    const result = await engine.dispatch('settings.update', { displayCurrency: 'EUR', colour: 'red' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await engine.dispatch('settings.get', {})) as { value: { displayCurrency: string } }).toMatchObject({ value: { displayCurrency: 'USD' } });
  });

  it('refuses calls from a page that is not the app', async () => {
    const { engine } = testEngine();
    const handler = createInvokeHandler(engine.dispatch, trusted);
    const result = await handler({ senderFrame: { url: 'https://evil.example/' } }, 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Refused an API call from an untrusted page (https://evil.example/)' } });
  });
});

describe('the HTTP host', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start() {
    const { engine } = testEngine();
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Token Ledger</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startServer({ dispatch: engine.dispatch, staticDir });
    return server;
  }

  const post = (s: RunningServer, method: string, body: unknown, token: string | null = s.token) =>
    fetch(`http://127.0.0.1:${s.port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { [TOKEN_HEADER]: token }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('listens on 127.0.0.1 only and prints a URL with the access token', async () => {
    const s = await start();
    expect(s.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    expect(s.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 without the token or with a wrong one, and 200 with it', async () => {
    const s = await start();
    const none = await post(s, 'app.info', {}, null);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain('access token');
    expect((await post(s, 'app.info', {}, 'x'.repeat(s.token.length))).status).toBe(401);
    const ok = await post(s, 'app.info', {});
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { schemaVersion: expect.any(Number), factCount: 0 } });
  });

  it('answers typed errors with their HTTP status: unknown method 404, malformed input 400, body not JSON 400', async () => {
    const s = await start();
    const unknown = await post(s, 'ledger.drop', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const malformed = await post(s, 'report.totals', { to: 20250901 });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'to' }] } } });
    const notJson = await post(s, 'app.info', '{not json');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('not JSON') } });
  });

  it('sends no CORS headers, even to a preflight', async () => {
    const s = await start();
    const res = await post(s, 'app.info', {});
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`http://127.0.0.1:${s.port}/api/app.info`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the built renderer with a strict CSP and refuses paths outside it', async () => {
    const s = await start();
    const page = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Token Ledger</title>');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    const asset = await fetch(`http://127.0.0.1:${s.port}/assets/app.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const escape = await fetch(`http://127.0.0.1:${s.port}/..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toContain('root:');
  });
});

describe('the CLI host', () => {
  function cli(args: string[]) {
    const dir = tempDir();
    const io = captureIo();
    return { io, run: () => runCli([...args, '--db', join(dir, 'ledger.sqlite')], io) };
  }

  it('lists every subcommand in --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    const help = io.stdout.join('\n');
    for (const c of commands) expect(help).toContain(`  ${c.name}`);
    expect(help).toContain('--db PATH');
  });

  it.each(commands.map((c) => c.name))('prints help for `%s --help`', async (name) => {
    const io = captureIo();
    expect(await runCli([name, '--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(new RegExp(`^Usage: tokenledger ${name}`));
  });

  it('answers UNKNOWN_METHOD with its exit code for `call` of an unknown method', async () => {
    const { io, run } = cli(['call', 'ledger.drop', '{}', '--json']);
    expect(await run()).toBe(EXIT_CODES.UNKNOWN_METHOD);
    expect(JSON.parse(io.stdout.join(''))).toMatchObject({ error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers VALIDATION with its exit code for a malformed input', async () => {
    const { io, run } = cli(['call', 'report.totals', '{"from":"yesterday"}']);
    expect(await run()).toBe(EXIT_CODES.VALIDATION);
    expect(io.stderr.join('\n')).toBe('error: Invalid input for report.totals: from: expected a day as YYYY-MM-DD');
  });

  it('answers VALIDATION for an unknown option and an unknown command', async () => {
    const a = cli(['report', '--colour']);
    expect(await a.run()).toBe(EXIT_CODES.VALIDATION);
    expect(a.io.stderr.join('\n')).toContain("Unknown option '--colour'");
    const b = cli(['frobnicate']);
    expect(await b.run()).toBe(EXIT_CODES.VALIDATION);
    expect(b.io.stderr.join('\n')).toContain('Unknown command "frobnicate"');
  });

  it('names every contract method in `call --help`', async () => {
    const io = captureIo();
    await runCli(['call', '--help'], io);
    for (const m of METHOD_NAMES) expect(io.stdout.join('\n')).toContain(m);
  });

  it('runs as the installed `tokenledger` binary with the Node 22 npm brought', () => {
    const dir = tempDir();
    const res = spawnSync('npx', ['--no-install', 'tokenledger', 'report', '--json', '--db', join(dir, 'l.sqlite')], {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ factCount: 0, totals: { tokens: { input: 0, cache_read: 0, output: 0 }, requests: 0, billed: {} } });
  });
});
