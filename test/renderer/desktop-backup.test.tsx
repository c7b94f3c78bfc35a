/**
 * Settings > Database file in the desktop window: Back up and Restore ask the main process for a native
 * dialog and pass on only the path picked there. The preload is a stand-in that forwards to the real
 * main-process handlers (grants, `choose` over a scripted dialog, the invoke handler) over real ledgers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { createChooseHandler } from '../../electron/main/file-dialogs';
import { createInvokeHandler } from '../../electron/main/ipc';
import { createPathGrants } from '../../electron/main/path-grants';
import { createClient } from '../../shared/contract/client';
import type { ApiResult } from '../../shared/contract/errors';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const APP = { senderFrame: { url: 'file:///app/out/renderer/index.html' } };
const trusted = (url: string) => url === APP.senderFrame.url;

/** The window over the main process of a real engine; `answers` are what the user picks in each dialog. */
function desktopWindow() {
  const t = testEngine();
  const grants = createPathGrants();
  const invoke = createInvokeHandler(t.engine.dispatch, trusted, grants);
  const answers: (string | null)[] = [];
  const direct = createClient({ invoke: (m, i) => t.engine.dispatch(m, i) });
  const choose = createChooseHandler({
    grants,
    isTrustedUrl: trusted,
    show: () => Promise.resolve(answers.shift() ?? null),
    where: async () => ({ ledgerPath: t.dbPath, today: (await direct.call('app.info', {})).today }),
  });
  const calls: string[] = [];
  window.tokenLedger = {
    invoke: (m, i) => invoke(APP, m, i),
    on: () => () => undefined,
    pathForFile: () => '',
    choose: (kind) => choose(APP, kind),
  };
  const client = createClient({
    invoke: (m, i) => {
      calls.push(m);
      return invoke(APP, m, i) as Promise<ApiResult<unknown>>;
    },
  });
  return { ...t, direct, client, answers, calls };
}

afterEach(() => {
  delete window.tokenLedger;
});

async function openSettings(client: ReturnType<typeof desktopWindow>['client']) {
  window.location.hash = '#/settings';
  render(<App client={client} />);
  return screen.findByRole('button', { name: 'Back up' }, { timeout: 20_000 });
}

describe('Settings > Database file in the desktop window', () => {
  it('backs up to the file picked in the save dialog, and a cancelled dialog does and says nothing', async () => {
    const w = desktopWindow();
    await w.direct.call('demo.load', {});
    const backUp = await openSettings(w.client);
    expect(screen.queryByLabelText('Back up to the file')).toBeNull();

    w.answers.push(null);
    fireEvent.click(backUp);
    await waitFor(() => expect(w.answers).toHaveLength(0));
    expect(w.calls).not.toContain('ledger.backup');
    expect(screen.queryByTestId('db-message')).toBeNull();

    const target = join(tempDir(), 'picked.sqlite');
    w.answers.push(target);
    fireEvent.click(backUp);
    expect((await screen.findByTestId('db-message')).textContent).toMatch(new RegExp(`^Backed up to ${target} \\(\\d+\\.\\d MB\\)\\.$`));
    expect(existsSync(target)).toBe(true);
    const copy = testEngine();
    await copy.client.call('ledger.restore', { path: target });
    expect(await copy.client.call('report.totals', {})).toEqual(await w.direct.call('report.totals', {}));
  });

  it('in Chinese: a backup to a file that is already there is refused in Chinese, naming the file', async () => {
    const w = desktopWindow();
    await w.direct.call('settings.update', { locale: 'zh-CN' });
    const taken = join(tempDir(), 'taken.sqlite');
    await w.direct.call('ledger.backup', { path: taken });
    window.location.hash = '#/settings';
    render(<App client={w.client} />);
    w.answers.push(taken);
    fireEvent.click(await screen.findByRole('button', { name: '备份' }, { timeout: 20_000 }));
    expect((await screen.findByTestId('db-message')).textContent).toBe(`${taken} 已存在；请为备份换一个新文件名`);
  });

  it('restores from the backup picked in the open dialog after the confirmation', async () => {
    const source = testEngine();
    await source.client.call('demo.load', {});
    const backup = join(tempDir(), 'demo backup.sqlite');
    await source.client.call('ledger.backup', { path: backup });

    const w = desktopWindow();
    await openSettings(w.client);
    w.answers.push(null);
    fireEvent.click(screen.getByRole('button', { name: 'Restore…' }));
    await waitFor(() => expect(w.answers).toHaveLength(0));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    w.answers.push(backup);
    fireEvent.click(screen.getByRole('button', { name: 'Restore…' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm.textContent).toContain(backup);
    fireEvent.click(screen.getByRole('button', { name: 'Replace the ledger' }));
    const facts = (await source.client.call('report.totals', {})).factCount;
    expect((await screen.findByTestId('db-message', {}, { timeout: 20_000 })).textContent).toMatch(
      new RegExp(`^Restored ${facts.toLocaleString()} facts from ${backup}\\. The previous ledger was kept as ${w.dbPath}\\.before-restore\\.`),
    );
    expect(await w.direct.call('report.totals', {})).toEqual(await source.client.call('report.totals', {}));
  });
});
