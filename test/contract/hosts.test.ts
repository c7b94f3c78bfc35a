/**
 * The same contract through each host's entry: Electron IPC (with a stand-in event object),
 * HTTP (the real server on 127.0.0.1) and the CLI. Unknown methods and malformed inputs answer a
 * typed error before any handler runs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { METHOD_NAMES } from '../../shared/contract/methods';
import { appUrlCheck, createInvokeHandler } from '../../electron/main/ipc';
import { api } from '../../shared/contract/methods';
import { CSP, MAX_HTTP_BODY_BYTES, SERVER_PATH_INPUTS, TOKEN_HEADER, WINDOW_METHODS } from '../../shared/contract/transport';
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
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: expect.stringContaining('Unknown method "ledger.drop"'), said: { id: 'engine.error.unknownMethod', values: expect.objectContaining({ method: 'ledger.drop' }) } },
    });
  });

  it('answers VALIDATION naming the field for a malformed input, before the handler runs', async () => {
    const { engine } = testEngine();
    const handler = createInvokeHandler(engine.dispatch, trusted);
    const result = await handler({ senderFrame: { url: APP_URL } }, 'report.facts', { from: 'last tuesday' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toBe('Invalid input for report.facts: from: expected a day as YYYY-MM-DD');
    expect(result.error.details).toEqual({ issues: [{ path: 'from', message: 'expected a day as YYYY-MM-DD', said: { id: 'engine.error.input.day' } }] });
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

describe("the IPC host's trust check and methods", () => {
  it('trusts the app under a folder with a space, as Chromium reports it (percent-encoded)', async () => {
    const dir = '/Applications/Token Ledger.app/Contents/Resources/app.asar/out/renderer';
    const isApp = appUrlCheck(dir, { windows: false });
    const url = 'file:///Applications/Token%20Ledger.app/Contents/Resources/app.asar/out/renderer/index.html#/overview';
    expect(isApp(url)).toBe(true);
    // What the check used to compare with: the raw path after file://, which Chromium's URL never equals.
    expect(url.startsWith(`file://${dir}`)).toBe(false);
    const { engine } = testEngine();
    const result = await createInvokeHandler(engine.dispatch, isApp)({ senderFrame: { url } }, 'settings.get', {});
    expect(result).toMatchObject({ ok: true });
  });

  it('trusts the app under a Windows path, and nothing beside or above its folder', () => {
    const isApp = appUrlCheck('C:\\Program Files\\Token Ledger\\resources\\app.asar\\out\\renderer\\', { windows: true });
    expect(isApp('file:///C:/Program%20Files/Token%20Ledger/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(isApp('file:///C:/Program%20Files/Token%20Ledger/resources/app.asar/out/renderer-evil/index.html')).toBe(false);
    expect(isApp('file:///C:/Program%20Files/Token%20Ledger/resources/app.asar/out/renderer/../../../../Users/x/Downloads/evil.html')).toBe(false);
    expect(isApp('file:///D:/Program%20Files/Token%20Ledger/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isApp('https://evil.example/out/renderer/index.html')).toBe(false);
    expect(isApp('not a url')).toBe(false);
  });

  it("trusts the dev server's origin only when one is set", () => {
    const isApp = appUrlCheck('/app/out/renderer', { devUrl: 'http://localhost:5173/', windows: false });
    expect(isApp('http://localhost:5173/#/explore')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(appUrlCheck('/app/out/renderer', { windows: false })('http://localhost:5173/')).toBe(false);
  });

  it('answers only the methods the window calls: each one its sources name, and no other', async () => {
    const named = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) for (const m of readFileSync(p, 'utf8').matchAll(/'([a-z]+\.[a-zA-Z]+)'/g)) if ((METHOD_NAMES as string[]).includes(m[1]!)) named.add(m[1]!);
      }
    };
    walk(join(import.meta.dirname, '..', '..', 'renderer', 'src'));
    expect([...WINDOW_METHODS].sort()).toEqual([...named].sort());
    const { engine } = testEngine();
    const handler = createInvokeHandler(engine.dispatch, trusted);
    expect(await handler({ senderFrame: { url: APP_URL } }, 'budgets.check', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'The window cannot call "budgets.check"' } });
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
    // The engine's time for the call, as the browser's developer tools show it.
    expect(ok.headers.get('server-timing')).toMatch(/^engine;dur=\d+\.\d, cpu;dur=\d+\.\d$/);
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

  /** A raw request: the test sets every header, Host included, as an attacker's client could. */
  function raw(
    s: RunningServer,
    opts: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer; chunks?: number },
  ): Promise<{ status: number; body: string }> {
    return new Promise((ok, fail) => {
      const req = request(
        { host: '127.0.0.1', port: s.port, method: opts.method ?? 'POST', path: opts.path, setHost: false, headers: { host: `127.0.0.1:${s.port}`, ...opts.headers } },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
        },
      );
      // The server may answer and close before the whole body is sent: that is what is tested.
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : fail(err)));
      if (opts.chunks) {
        const mb = Buffer.alloc(1024 * 1024, 0x20);
        for (let i = 0; i < opts.chunks; i++) req.write(mb);
      }
      req.end(opts.body);
    });
  }
  const apiHeaders = (s: RunningServer, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', [TOKEN_HEADER]: s.token, ...extra });

  it('names in SERVER_PATH_INPUTS every input of the contract that is a path on the server', () => {
    const pathLike = Object.entries(api).flatMap(([m, spec]) =>
      Object.keys((spec.input as unknown as { shape: Record<string, unknown> }).shape)
        .filter((k) => k === 'path' || k === 'paths')
        .map((k) => `${m}.${k}`),
    );
    expect(pathLike.length).toBeGreaterThanOrEqual(8);
    expect(pathLike.sort()).toEqual(Object.entries(SERVER_PATH_INPUTS).flatMap(([m, keys]) => keys.map((k) => `${m}.${k}`)).sort());
  });

  it('refuses, before dispatch, every input naming a file on the server: the same answer whether the path exists or not', async () => {
    const s = await start();
    const dir = tempDir();
    const secret = join(dir, 'secret.csv');
    writeFileSync(secret, 'date,model,cost\nSECRET-CONTENT,x,1\n');
    const backupTo = join(dir, 'backup.sqlite');
    const bundleTo = join(dir, 'mine.tlbundle');
    const calls: [string, Record<string, unknown>][] = [
      ['imports.preview', { paths: [dir] }],
      ['imports.commit', { paths: [secret] }],
      ['mappings.suggest', { path: secret }],
      ['mappings.preview', { path: secret, profile: { name: 'x', delimiter: ',', roles: {} } }],
      ['prices.loadSource', { path: secret }],
      ['fx.importCsv', { path: secret }],
      ['ledger.backup', { path: backupTo }],
      ['ledger.restore', { path: secret }],
      ['bundle.export', { path: bundleTo }],
      ['bundle.import', { paths: [secret] }],
    ];
    for (const [method, input] of calls) {
      const key = Object.keys(input)[0]!;
      const answers = [];
      for (const value of [input[key], key === 'paths' ? ['/no/such/file'] : '/no/such/file']) {
        const res = await post(s, method, { ...input, [key]: value });
        answers.push({ status: res.status, body: (await res.json()) as unknown });
      }
      expect(answers[0]).toEqual({
        status: 400,
        body: {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: `${method} over HTTP takes uploaded files only: the browser host reads and writes no file on this machine by path (${key} refused). Use the desktop app or the CLI for that.`,
          },
        },
      });
      expect(answers[1]).toEqual(answers[0]);
    }
    expect(existsSync(backupTo)).toBe(false);
    expect(existsSync(bundleTo)).toBe(false);
    // Uploads still work.
    const up = await post(s, 'mappings.suggest', { file: { name: 'a.csv', contentBase64: Buffer.from('date,model\n2025-09-01,gpt-4o\n').toString('base64') } });
    expect(up.status).toBe(200);
  });

  it('takes the team folder typed in the browser (the one typed path it takes), and clears it', async () => {
    const s = await start();
    const folder = tempDir();
    const set = await post(s, 'team.setFolder', { path: folder });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { value: { folder: string } }).value.folder).toBe(folder);
    const cleared = await post(s, 'team.setFolder', { path: null });
    expect(((await cleared.json()) as { value: { folder: string | null } }).value.folder).toBeNull();
  });

  it('refuses a request naming another host (DNS rebinding), and answers 127.0.0.1 and localhost', async () => {
    const s = await start();
    const rebound = await raw(s, { path: '/api/app.info', headers: { ...apiHeaders(s), host: `evil.example:${s.port}` }, body: '{}' });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('schemaVersion');
    expect((await raw(s, { method: 'GET', path: '/', headers: { host: `evil.example:${s.port}` } })).status).toBe(421);
    expect((await raw(s, { path: '/api/app.info', headers: { ...apiHeaders(s), host: `localhost:${s.port}` }, body: '{}' })).status).toBe(200);
    expect((await raw(s, { path: '/api/app.info', headers: apiHeaders(s), body: '{}' })).status).toBe(200);
  });

  it('refuses API calls that a page of another site could send: not application/json, another Origin, a cross-site fetch, the token in the URL', async () => {
    const s = await start();
    const change = JSON.stringify({ displayCurrency: 'EUR' });
    const attempts = [
      { headers: apiHeaders(s, { 'content-type': 'text/plain' }), status: 415 },
      { headers: apiHeaders(s, { 'content-type': 'application/x-www-form-urlencoded' }), status: 415 },
      { headers: apiHeaders(s, { origin: 'https://evil.example' }), status: 403 },
      { headers: apiHeaders(s, { origin: 'null' }), status: 403 },
      { headers: apiHeaders(s, { 'sec-fetch-site': 'cross-site' }), status: 403 },
      { headers: apiHeaders(s, { 'sec-fetch-site': 'same-site' }), status: 403 },
    ];
    for (const a of attempts) expect((await raw(s, { path: '/api/settings.update', headers: a.headers, body: change })).status).toBe(a.status);
    const inUrl = await raw(s, { path: `/api/settings.update?token=${s.token}`, headers: { 'content-type': 'application/json' }, body: change });
    expect(inUrl.status).toBe(401);
    const got = await post(s, 'settings.get', {});
    expect(((await got.json()) as { value: { displayCurrency: string } }).value.displayCurrency).toBe('USD');
    // The app's own page is let through.
    const own = await raw(s, { path: '/api/settings.update', headers: apiHeaders(s, { origin: `http://127.0.0.1:${s.port}`, 'sec-fetch-site': 'same-origin' }), body: change });
    expect(own.status).toBe(200);
  });

  it('answers 400, not 500, to a malformed %-escape', async () => {
    const s = await start();
    const apiCall = await raw(s, { path: '/api/app%E0%A4%A', headers: apiHeaders(s), body: '{}' });
    expect(apiCall).toEqual({ status: 400, body: expect.stringContaining('Malformed %-escape') });
    expect((await raw(s, { method: 'GET', path: '/assets/%E0%A4%A' })).status).toBe(400);
  });

  it('refuses a body over the cap, declared or streamed, without reading it whole', async () => {
    const s = await start();
    const declared = await raw(s, { path: '/api/app.info', headers: apiHeaders(s, { 'content-length': String(500 * 1024 * 1024) }) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ error: { code: 'VALIDATION', message: expect.stringContaining('Request body over 64 MB') } });
    const streamed = await raw(s, { path: '/api/app.info', headers: apiHeaders(s, { 'transfer-encoding': 'chunked' }), chunks: MAX_HTTP_BODY_BYTES / (1024 * 1024) + 1 });
    expect(streamed.status).toBe(413);
  });

  it('serves the built renderer with a strict CSP and refuses paths outside it', async () => {
    const s = await start();
    const page = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Token Ledger</title>');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    const asset = await fetch(`http://127.0.0.1:${s.port}/assets/app.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toBe('console.log(1)');
    // The build names what is under assets/ by its content: kept by the browser; the page itself is asked again.
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(page.headers.get('cache-control')).toBe('no-cache');
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
    expect(a.io.stderr.join('\n')).toBe('error: "report" has no option --colour. Run `tokenledger report --help` for its options.');
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
