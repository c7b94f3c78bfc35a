/**
 * The desktop window names files to import only when the user handed them to it: dropped or chosen
 * (the preload grants a real File's path) or picked in the main process's dialog. Anything else the
 * window could call the bridge with (a typed or injected path) is refused before the engine runs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGrantHandler, createInvokeHandler } from '../../electron/main/ipc';
import { createPathGrants } from '../../electron/main/path-grants';
import { testEngine } from '../helpers/engine';

const APP_URL = 'file:///app/out/renderer/index.html';
const trusted = (url: string) => url.startsWith('file:///app/out/renderer/');
const app = { senderFrame: { url: APP_URL } };
const usage = join(import.meta.dirname, '..', 'fixtures', 'exports', 'anthropic-console-usage.csv');
const cost = join(import.meta.dirname, '..', 'fixtures', 'exports', 'anthropic-console-cost.csv');

describe('the IPC host: files the window may import', () => {
  it('refuses to preview or import a path nobody dropped or chose, and the ledger stays empty', async () => {
    const { engine, client } = testEngine();
    const handler = createInvokeHandler(engine.dispatch, trusted, createPathGrants());
    for (const method of ['imports.preview', 'imports.commit']) {
      expect(await handler(app, method, { paths: [usage] })).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: `${method} takes only files you dropped or chose in this window (${usage} was not)` },
      });
    }
    expect((await client.call('report.totals', {})).factCount).toBe(0);
    // Methods without file inputs are untouched.
    expect(await handler(app, 'settings.get', {})).toMatchObject({ ok: true });
  });

  it('imports a file once the preload granted it, and only that file', async () => {
    const { engine, client } = testEngine();
    const grants = createPathGrants();
    const handler = createInvokeHandler(engine.dispatch, trusted, grants);
    const grant = createGrantHandler(grants, trusted);
    const event: { senderFrame: { url: string }; returnValue?: unknown } = { ...app };
    grant(event, usage);
    expect(event.returnValue).toBe(true);
    // One granted file and one not: nothing runs.
    expect(await handler(app, 'imports.commit', { paths: [usage, cost] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await client.call('report.totals', {})).factCount).toBe(0);
    const done = await handler(app, 'imports.commit', { paths: [usage] });
    expect(done).toMatchObject({ ok: true });
    const direct = testEngine();
    await direct.client.call('imports.commit', { paths: [usage] });
    expect(await client.call('report.totals', {})).toEqual(await direct.client.call('report.totals', {}));
  });

  it('takes no grant from a page that is not the app', async () => {
    const { engine } = testEngine();
    const grants = createPathGrants();
    const handler = createInvokeHandler(engine.dispatch, trusted, grants);
    const event: { senderFrame: { url: string }; returnValue?: unknown } = { senderFrame: { url: 'https://evil.example/' } };
    createGrantHandler(grants, trusted)(event, usage);
    expect(event.returnValue).toBe(false);
    expect(await handler(app, 'imports.preview', { paths: [usage] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the IPC host: other methods that read a file', () => {
  it('maps, loads prices from or imports rates from a path only inside what the user handed the window', async () => {
    const { engine } = testEngine();
    const grants = createPathGrants();
    const handler = createInvokeHandler(engine.dispatch, trusted, grants);
    const refused = (r: unknown) => expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('takes only files you dropped or chose') } });
    refused(await handler(app, 'mappings.suggest', { path: usage }));
    refused(await handler(app, 'prices.loadSource', { path: '/etc/passwd' }));
    refused(await handler(app, 'fx.importCsv', { path: '/etc/passwd' }));
    // A dropped folder: a file inside it may be mapped, a file beside it may not.
    grants.grant([join(import.meta.dirname, '..', 'fixtures', 'exports', 'agents')]);
    refused(await handler(app, 'mappings.suggest', { path: usage }));
    grants.grant([join(import.meta.dirname, '..', 'fixtures', 'exports')]);
    expect(await handler(app, 'mappings.suggest', { path: usage })).toMatchObject({ ok: true });
  });
});
