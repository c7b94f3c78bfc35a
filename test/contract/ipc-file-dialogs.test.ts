/**
 * The desktop window's Back up and Restore: the window asks the main process for a native dialog
 * (`choose`), the path the user picks is granted for that use, and `ledger.backup` / `ledger.restore`
 * take no other path. The dialog is a stand-in function (the Electron binary is not installable here);
 * everything behind it is the real IPC handlers over real SQLite ledgers.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChooseHandler, type DialogRequest } from '../../electron/main/file-dialogs';
import { createGrantHandler, createInvokeHandler } from '../../electron/main/ipc';
import { createPathGrants } from '../../electron/main/path-grants';
import { createClient } from '../../shared/contract/client';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const APP_URL = 'file:///app/out/renderer/index.html';
const trusted = (url: string) => url.startsWith('file:///app/out/renderer/');
const app = { senderFrame: { url: APP_URL } };
const refusal = (method: string, path: string) => ({
  ok: false,
  error: { code: 'VALIDATION', message: `${method} takes only files you dropped or chose in this window (${path} was not)` },
});

/** The main process of one engine: the invoke handler, the grant handler and `choose` over a scripted dialog. */
function desktop(opts: { now?: () => number } = {}) {
  const t = testEngine(opts);
  const grants = createPathGrants();
  const invoke = createInvokeHandler(t.engine.dispatch, trusted, grants);
  const asked: DialogRequest[] = [];
  const answers: (string | null)[] = [];
  const client = createClient({ invoke: (m, i) => t.engine.dispatch(m, i) });
  const choose = createChooseHandler({
    grants,
    isTrustedUrl: trusted,
    show: (request) => {
      asked.push(request);
      return Promise.resolve(answers.shift() ?? null);
    },
    where: async () => {
      const info = await client.call('app.info', {});
      return { ledgerPath: info.dbPath, today: info.today };
    },
  });
  return { ...t, grants, invoke, choose, asked, answers, grant: createGrantHandler(grants, trusted) };
}

describe('the desktop Back up and Restore: paths only from the main process dialogs', () => {
  it('refuses a backup or restore path the user did not pick, with the error of every granted method, and writes nothing', async () => {
    const d = desktop();
    await d.client.call('demo.load', {});
    const target = join(tempDir(), 'stolen.sqlite');
    expect(await d.invoke(app, 'ledger.backup', { path: target })).toEqual(refusal('ledger.backup', target));
    expect(existsSync(target)).toBe(false);
    const before = await d.client.call('report.totals', {});
    expect(await d.invoke(app, 'ledger.restore', { path: '/etc/passwd' })).toEqual(refusal('ledger.restore', '/etc/passwd'));
    expect(await d.client.call('report.totals', {})).toEqual(before);
  });

  it('a file the user dropped may be restored from but is no place to write a backup, nor is a dropped folder', async () => {
    const d = desktop();
    const dir = tempDir();
    d.grant({ ...app }, dir);
    const inside = join(dir, 'backup.sqlite');
    expect(await d.invoke(app, 'ledger.backup', { path: inside })).toEqual(refusal('ledger.backup', inside));
    expect(existsSync(inside)).toBe(false);
    // An open-dialog pick does not make a file writable either.
    d.answers.push(inside);
    expect(await d.choose(app, 'backup-open')).toBe(inside);
    expect(await d.invoke(app, 'ledger.backup', { path: inside })).toEqual(refusal('ledger.backup', inside));
  });

  it('proposes tokenledger-backup-<engine day>.sqlite beside the ledger, in the time zone of the settings', async () => {
    // 2025-09-30 23:30 UTC is already 1 October in Shanghai.
    const d = desktop({ now: () => Date.parse('2025-09-30T23:30:00Z') });
    await d.client.call('settings.update', { timeZone: 'UTC' });
    expect(await d.choose(app, 'backup-save')).toBeNull();
    await d.client.call('settings.update', { timeZone: 'Asia/Shanghai' });
    expect(await d.choose(app, 'backup-open')).toBeNull();
    expect(await d.choose(app, 'backup-save')).toBeNull();
    expect(d.asked).toEqual([
      {
        kind: 'save',
        options: {
          title: 'Back up the ledger',
          defaultPath: join(dirname(d.dbPath), 'tokenledger-backup-2025-09-30.sqlite'),
          filters: [{ name: 'Token Ledger backup', extensions: ['sqlite', 'db', 'bak'] }],
          buttonLabel: 'Back up',
        },
      },
      {
        kind: 'open',
        options: {
          title: 'Restore the ledger from a backup',
          defaultPath: dirname(d.dbPath),
          filters: [{ name: 'Token Ledger backup', extensions: ['sqlite', 'db', 'bak'] }],
          properties: ['openFile'],
          buttonLabel: 'Choose',
        },
      },
      expect.objectContaining({ options: expect.objectContaining({ defaultPath: join(dirname(d.dbPath), 'tokenledger-backup-2025-10-01.sqlite') }) }),
    ]);
  });

  it('backs up to the picked file and restores another ledger from the picked backup, with the same figures', async () => {
    const d = desktop();
    await d.client.call('demo.load', {});
    const before = await d.client.call('report.totals', {});
    const target = join(tempDir(), 'my backup.sqlite');
    d.answers.push(target);
    expect(await d.choose(app, 'backup-save')).toBe(target);
    expect(await d.invoke(app, 'ledger.backup', { path: target })).toMatchObject({ ok: true, value: { path: target } });
    expect(existsSync(target)).toBe(true);

    const other = desktop();
    await other.client.call('imports.commit', { paths: [join(import.meta.dirname, '..', 'fixtures', 'exports', 'anthropic-console-usage.csv')] });
    expect(await other.invoke(app, 'ledger.restore', { path: target })).toEqual(refusal('ledger.restore', target));
    other.answers.push(target);
    expect(await other.choose(app, 'backup-open')).toBe(target);
    const restored = await other.invoke(app, 'ledger.restore', { path: target });
    expect(restored).toMatchObject({ ok: true, value: { path: target, facts: before.factCount } });
    expect(await other.client.call('report.totals', {})).toEqual(before);
  });

  it('sets the team folder only to the folder picked in the native folder dialog; clearing it needs no pick', async () => {
    const d = desktop();
    const folder = tempDir();
    expect(await d.invoke(app, 'team.setFolder', { path: folder })).toEqual(refusal('team.setFolder', folder));
    expect((await d.client.call('team.settings', {})).folder).toBeNull();
    d.answers.push(folder);
    expect(await d.choose(app, 'team-folder')).toBe(folder);
    expect(d.asked).toEqual([
      { kind: 'open', options: { title: 'Choose the shared team folder', defaultPath: dirname(d.dbPath), properties: ['openDirectory', 'createDirectory'], buttonLabel: 'Use this folder' } },
    ]);
    expect(await d.invoke(app, 'team.setFolder', { path: folder })).toMatchObject({ ok: true, value: { folder } });
    expect(await d.invoke(app, 'team.setFolder', { path: null })).toMatchObject({ ok: true, value: { folder: null } });
  });

  it('a cancelled dialog grants nothing, and a page that is not the app gets no dialog', async () => {
    const d = desktop();
    const target = join(tempDir(), 'backup.sqlite');
    expect(await d.choose(app, 'backup-save')).toBeNull();
    expect(await d.invoke(app, 'ledger.backup', { path: target })).toEqual(refusal('ledger.backup', target));
    d.answers.push(target);
    expect(await d.choose({ senderFrame: { url: 'https://evil.example/' } }, 'backup-save')).toBeNull();
    expect(await d.choose(app, 'anything-else')).toBeNull();
    expect(d.asked).toHaveLength(1);
    expect(await d.invoke(app, 'ledger.backup', { path: target })).toEqual(refusal('ledger.backup', target));
    expect(existsSync(target)).toBe(false);
  });

  it('a picked save target that already exists is not overwritten', async () => {
    const d = desktop();
    const target = join(tempDir(), 'taken.sqlite');
    writeFileSync(target, 'keep me');
    d.answers.push(target);
    await d.choose(app, 'backup-save');
    expect(await d.invoke(app, 'ledger.backup', { path: target })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
