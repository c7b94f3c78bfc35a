/**
 * Demo data in the app, through the real contract on a real engine: loaded from the first-run screen,
 * marked in the import history, and taken out with one "Remove demo data" (the user's own import stays).
 */
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

const USER_FILE = join(import.meta.dirname, '..', 'fixtures', 'exports', 'openrouter-generation.jsonl');

describe('demo data in the app', () => {
  it('is marked Demo in the history and leaves in one step, the user import kept', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [USER_FILE] });
    const before = await client.call('report.totals', {});
    const demo = await client.call('demo.load', {});
    const batches = new Set(demo.files.map((f) => f.batchId)).size;
    expect(batches).toBeGreaterThan(1);
    window.location.hash = '#/imports';
    render(<App client={client} />);
    const history = await screen.findByTestId('import-history');
    await waitFor(() => expect(within(history).getAllByText('Demo').length).toBe(batches));
    const note = await screen.findByTestId('demo-data');
    expect(note.textContent).toContain(`This ledger holds demo data (${batches} batches`);
    fireEvent.click(within(note).getByRole('button', { name: 'Remove demo data…' }));
    fireEvent.click(within(screen.getByRole('alertdialog', { name: 'Remove the demo data?' })).getByRole('button', { name: 'Remove demo data' }));
    await screen.findByText(new RegExp(`^Demo data removed: ${batches} batches, `));
    expect(await client.call('report.totals', {})).toEqual(before);
    await waitFor(() => expect(within(screen.getByTestId('import-history')).queryAllByText('Demo').length).toBe(batches));
    const committed = (await client.call('imports.list', {})).filter((b) => b.status === 'committed');
    expect(committed.map((b) => b.demo)).toEqual([false]);
  });

  it('shows a Demo data card on the Overview while the demo is loaded', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    window.location.hash = '#/overview';
    render(<App client={client} />);
    const card = await screen.findByRole('article', { name: 'Demo data' });
    expect(within(card).getByRole('button', { name: 'Remove demo data…' })).toBeTruthy();
  });
});
