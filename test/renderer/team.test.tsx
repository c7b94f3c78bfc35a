/**
 * Settings > Team in the window, through the real contract on real engines: the member saved, and a
 * bundle merged from another machine listed with its member and last sync; Sync now through a folder.
 */
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'exports', name);

describe('Settings > Team', () => {
  it('saves the member, lists the machine a bundle came from, and syncs through the folder on a click', async () => {
    const folder = tempDir();
    const other = testEngine();
    await other.client.call('imports.commit', { paths: [fixture('openai-usage-completions.json')] });
    await other.client.call('team.update', { member: 'Bo', machineName: 'bo-laptop' });
    await other.client.call('team.setFolder', { path: folder });
    await other.client.call('team.sync', {});

    const { client } = testEngine();
    await client.call('team.setFolder', { path: folder });
    window.location.hash = '#/settings';
    render(<App client={client} />);
    const field = await screen.findByLabelText('Member', {}, { timeout: 20_000 });
    fireEvent.change(field, { target: { value: 'Ada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText("This ledger's usage is Ada's.")).toBeTruthy();
    expect((await client.call('team.settings', {})).member).toBe('Ada');

    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText('Wrote this machine’s bundle; merged 1 bundle.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Team machines' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const rows = within(table).getAllByRole('row').map((r) => r.textContent);
    expect(rows[1]).toMatch(/^Ada[0-9a-f]{8} \(this one\)#1\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(rows[2]).toMatch(/^Bobo-laptop#1\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  });

  it('in the browser: the folder is typed, used, and Stop syncing clears it', async () => {
    const folder = tempDir();
    const { client } = testEngine();
    window.location.hash = '#/settings';
    render(<App client={client} />);
    const field = await screen.findByLabelText('Shared folder path', {}, { timeout: 20_000 });
    fireEvent.change(field, { target: { value: folder } });
    fireEvent.click(screen.getByRole('button', { name: 'Use folder' }));
    expect(await screen.findByText(`This machine syncs through ${folder}.`)).toBeTruthy();
    expect(screen.getByText(`Shared folder: ${folder}`)).toBeTruthy();
    expect((await client.call('team.settings', {})).folder).toBe(folder);
    fireEvent.click(screen.getByRole('button', { name: 'Stop syncing' }));
    expect(await screen.findByText('No shared folder: this machine no longer syncs.')).toBeTruthy();
    expect((await client.call('team.settings', {})).folder).toBeNull();
  });

  it('in the desktop app: Choose folder… asks the main process for a folder dialog and uses the picked folder', async () => {
    const folder = tempDir();
    const { client } = testEngine();
    const asked: string[] = [];
    window.tokenLedger = {
      invoke: () => Promise.reject(new Error('the window calls through its client')),
      on: () => () => {},
      pathForFile: () => '',
      choose: (kind) => {
        asked.push(kind);
        return Promise.resolve(asked.length === 1 ? null : folder);
      },
    };
    try {
      window.location.hash = '#/settings';
      render(<App client={client} />);
      const choose = await screen.findByRole('button', { name: 'Choose folder…' }, { timeout: 20_000 });
      expect(screen.queryByLabelText('Shared folder path')).toBeNull();
      // A cancelled dialog changes nothing.
      fireEvent.click(choose);
      await waitFor(() => expect(asked).toEqual(['team-folder']));
      expect((await client.call('team.settings', {})).folder).toBeNull();
      fireEvent.click(choose);
      expect(await screen.findByText(`This machine syncs through ${folder}.`)).toBeTruthy();
      expect(asked).toEqual(['team-folder', 'team-folder']);
      expect((await client.call('team.settings', {})).folder).toBe(folder);
    } finally {
      delete window.tokenLedger;
    }
  });
});
