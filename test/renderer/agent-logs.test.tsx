/**
 * "Find my agent logs" on the Imports screen, in jsdom over a real engine: a temp home holding the Codex
 * sample where Codex keeps it is listed with its file count and size, imported on a click to the sample's
 * exact number of calls, and the watcher can be switched on and off.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const CODEX = join(FIXTURES, 'exports', 'agents', 'codex');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected-totals.json'), 'utf8')) as Record<string, { rows: number }>;

const savedHome = process.env.HOME;
afterEach(() => {
  process.env.HOME = savedHome;
});

describe('Find my agent logs', () => {
  it('lists the Codex sample with its size, imports it on a click, and switches the watcher on and off', async () => {
    const home = tempDir('tokenledger-home-');
    cpSync(CODEX, join(home, '.codex'), { recursive: true });
    process.env.HOME = home;
    const { client } = testEngine();
    window.location.hash = '#/imports';
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Find my agent logs' }, { timeout: 10_000 }));
    const list = await screen.findByRole('table', { name: 'Agent logs found' }, { timeout: 10_000 });
    const rows = within(list).getAllByRole('row').slice(1);
    const sessions = join(home, '.codex', 'sessions');
    const row = rows.find((r) => r.textContent!.includes(sessions))!;
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 3)).toEqual(['Codex CLI / Desktop', sessions, '4']);
    expect(rows).toHaveLength(2); // sessions/ and archived_sessions/

    fireEvent.click(screen.getByRole('button', { name: 'Import 5 files' }));
    // The archived byte copy's calls are the active session's: duplicates, not new calls.
    await screen.findByText(new RegExp(`^Imported 5 files: ${expected['agents/codex']!.rows} new calls, [1-9]\\d* duplicates?\\.$`), {}, { timeout: 10_000 });
    expect((await client.call('report.totals', {})).factCount).toBe(expected['agents/codex']!.rows);

    const box = screen.getByRole('checkbox', { name: 'Keep agent logs up to date' });
    await waitFor(() => expect((box as HTMLInputElement).disabled).toBe(false), { timeout: 10_000 });
    fireEvent.click(box);
    await screen.findByText(/Watching 2 folders/, {}, { timeout: 10_000 });
    expect(await client.call('agents.watchStatus', {})).toMatchObject({ watching: true, keep: true });
    fireEvent.click(box);
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(false), { timeout: 10_000 });
    expect(await client.call('agents.watchStatus', {})).toMatchObject({ watching: false, keep: false });
  });
});
