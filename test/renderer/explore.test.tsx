/**
 * Explore in jsdom through the real contract against a real engine holding the demo data: the table's
 * totals are the engine's, a two-level grouping, a filter from the toolbar, sorting, and the drill-down
 * to the facts behind a row.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { exploreCsv } from '../../renderer/src/features/explore/explore-export';
import { ApiError } from '../../shared/contract/errors';
import type { ApiClient } from '../../shared/contract/client';
import { testEngine } from '../helpers/engine';

const int = (n: number) => n.toLocaleString('en-US');
const tokens = (t: { input: number; cache_read: number; cache_write_5m: number; cache_write_1h: number; output: number }) =>
  t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h + t.output;

async function demoExplore(hash: string) {
  const t = testEngine();
  await t.client.call('demo.load', {});
  window.location.hash = hash;
  render(<App client={t.client} />);
  const table = await screen.findByTestId('explore-table', {}, { timeout: 20_000 });
  return { ...t, table };
}

describe('the Explore screen', () => {
  it('groups by vendor then origin region with the engine’s rows and totals', async () => {
    const { client, table } = await demoExplore('#/explore?preset=custom&by=vendor,origin_region&metric=tokens');
    const r = await client.call('report.explore', { groupBy: ['vendor', 'origin_region'], bucket: 'none' });
    const body = table.querySelectorAll('tbody tr');
    expect(body.length).toBe(r.rows.length);
    const foot = within(screen.getByTestId('explore-totals'));
    expect(foot.getByText(int(tokens(r.totals.tokens)), { selector: '[data-col="tokens"]' })).toBeTruthy();
    expect(screen.getByTestId('explore-totals').querySelector('[data-col="requests"]')!.textContent).toBe(int(r.totals.requests));
    // Sorted by the metric, largest first: the first row is the group with the most tokens.
    const top = [...r.rows].sort((a, b) => tokens(b.tokens) - tokens(a.tokens))[0]!;
    expect(body[0]!.getAttribute('data-keys')).toBe(JSON.stringify(top.keys));
    expect(body[0]!.querySelector('[data-col="tokens"]')!.textContent).toBe(int(tokens(top.tokens)));
    // The header sorts the other way.
    fireEvent.click(within(table).getByRole('button', { name: /^Tokens/ }));
    await waitFor(() => expect(window.location.hash).toContain('dir=asc'));
    const bottom = [...r.rows].sort((a, b) => tokens(a.tokens) - tokens(b.tokens))[0]!;
    await waitFor(() => expect(screen.getByTestId('explore-table').querySelector('tbody tr')!.getAttribute('data-keys')).toBe(JSON.stringify(bottom.keys)));
    // The CSV export carries the same rows and the engine's total.
    const csv = exploreCsv(r).trim().split('\r\n');
    expect(csv.length).toBe(r.rows.length + 2);
    expect(csv.at(-1)!.split(',').at(-3)).toBe(String(tokens(r.totals.tokens)));
  }, 30_000);

  it('adds a filter from the toolbar and shows the filtered totals, then drills down to the facts of a row', async () => {
    const { client } = await demoExplore('#/explore?preset=custom&by=model');
    fireEvent.change(screen.getByLabelText('Filter on'), { target: { value: 'vendor' } });
    const values = await screen.findByLabelText('Vendor is');
    await waitFor(() => expect((values as HTMLSelectElement).disabled).toBe(false));
    fireEvent.change(values, { target: { value: 'anthropic' } });
    await waitFor(() => expect(window.location.hash).toContain('f.vendor=anthropic'));
    expect((await screen.findByTestId('filter-chip')).textContent).toContain('Vendor: anthropic');
    const r = await client.call('report.explore', { groupBy: ['model'], bucket: 'none', filters: { vendor: ['anthropic'] } });
    await waitFor(() => expect(screen.getByTestId('explore-totals').querySelector('[data-col="requests"]')!.textContent).toBe(int(r.totals.requests)));
    expect(screen.getByTestId('explore-table').querySelectorAll('tbody tr').length).toBe(r.rows.length);

    const first = screen.getByTestId('explore-table').querySelector('tbody tr')!;
    const keys = JSON.parse(first.getAttribute('data-keys')!) as (string | null)[];
    const row = r.rows.find((g) => JSON.stringify(g.keys) === JSON.stringify(keys))!;
    fireEvent.click(within(first as HTMLElement).getByRole('button'));
    const count = await screen.findByTestId('fact-count');
    await waitFor(() => expect(count.textContent).toBe(int(row.facts)));
    const facts = await client.call('report.facts', { filters: { vendor: ['anthropic'], model: keys }, limit: 5 });
    expect(facts.total).toBe(row.facts);
    await waitFor(() => expect(screen.getByRole('table', { name: /facts$/ }).textContent).toContain(facts.rows[0]!.start.slice(0, 19).replace('T', ' ')));
  }, 30_000);

  it('reopens a view from the URL with its grouping, metric and granularity', async () => {
    await demoExplore('#/explore?preset=custom&by=provider&metric=requests&bucket=month');
    expect((screen.getByLabelText('Group by') as HTMLSelectElement).value).toBe('provider');
    expect((screen.getByLabelText('Metric') as HTMLSelectElement).value).toBe('requests');
    expect((screen.getByLabelText('Granularity') as HTMLSelectElement).value).toBe('month');
    expect(within(screen.getByTestId('explore-table')).getByRole('columnheader', { name: /Month/ })).toBeTruthy();
  }, 30_000);

  it('says why the facts of a row could not be read, instead of loading forever', async () => {
    const t = testEngine();
    await t.client.call('demo.load', {});
    // The engine answers everything but the facts, which fail as a busy ledger would.
    const failing: ApiClient = {
      on: t.client.on,
      call: (method, input) => (method === 'report.facts' ? Promise.reject(new ApiError('BUSY', 'The ledger is busy: try again in a moment')) : t.client.call(method, input)),
    };
    window.location.hash = '#/explore?preset=custom&by=model';
    render(<App client={failing} />);
    const table = await screen.findByTestId('explore-table', {}, { timeout: 20_000 });
    fireEvent.click(within(table.querySelector('tbody tr') as HTMLElement).getByRole('button'));
    expect((await screen.findByRole('alert')).textContent).toBe('The ledger is busy: try again in a moment');
  }, 30_000);
});
