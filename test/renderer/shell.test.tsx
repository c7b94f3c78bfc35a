/**
 * The renderer driven through the real contract against a real engine (a SQLite file in a temp
 * folder), in jsdom: what a user sees on first run, after loading the demo data, and in Settings.
 */
import { render, screen, within, fireEvent, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

describe('the app shell', () => {
  it('shows navigation for every screen and a first-run state that says how to import', async () => {
    const { client } = testEngine();
    render(<App client={client} />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Overview', 'Explore', 'Agents', 'Reconcile', 'Imports', 'Budgets', 'Tips', 'Prices', 'Settings']);
    expect(await screen.findByRole('heading', { name: 'Your ledger is empty' })).toBeTruthy();
    expect(screen.getByText(/npx tokenledger import/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load demo data' })).toBeTruthy();
  });

  it('loads the demo data and shows the engine’s totals', async () => {
    const { client } = testEngine();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Load demo data' }));
    const requests = await screen.findByTestId('requests', {}, { timeout: 25_000 });
    // The Overview shows one month (the demo's, as the current month has no data): the engine's totals for it.
    const period = screen.getByTestId('period');
    const report = await client.call('report.totals', { from: period.dataset.from!, to: period.dataset.to! });
    expect(requests.textContent).toBe(report.totals.requests.toLocaleString('en-US'));
    expect(screen.getByTestId('tokens').querySelector('td[data-class="cache_read"]')!.textContent).toBe(
      report.totals.tokens.cache_read.toLocaleString('en-US'),
    );
    expect(screen.queryByRole('heading', { name: 'Your ledger is empty' })).toBeNull();
  });

  it('changes a setting through the contract and keeps it', async () => {
    const { client } = testEngine();
    window.location.hash = '#/settings';
    render(<App client={client} />);
    const select = await screen.findByLabelText('Display currency');
    fireEvent.change(select, { target: { value: 'EUR' } });
    await waitFor(async () => expect((await client.call('settings.get', {})).displayCurrency).toBe('EUR'));
    expect((select as HTMLSelectElement).value).toBe('EUR');
  });
});
