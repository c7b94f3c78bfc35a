/**
 * Display names in the window, through the real contract on a real engine: Explore shows a project by
 * its name with the id in the tooltip, renames inline, exports the name beside the id; the Overview's
 * top projects use the name; the budget scope fields suggest the ledger's values with their names.
 */
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { exploreCsv } from '../../renderer/src/features/explore/explore-export';
import { testEngine } from '../helpers/engine';

const USAGE = join(import.meta.dirname, '..', 'fixtures', 'exports', 'openai-dashboard-usage-export.csv');
const SUPPORT = 'proj_Xk2PcR4bT9mLq0Zs7VwYn3Jd';
const BATCH = 'proj_2fGhT8uVw0XyZ1aBcDeF4gHi';

async function ledger() {
  const t = testEngine();
  await t.client.call('imports.commit', { paths: [USAGE] });
  await t.client.call('names.set', { dimension: 'project', value: SUPPORT, name: 'Support bot' });
  return t;
}

describe('display names on the screens', () => {
  it('Explore by project: the name with its id, an inline rename, and the export with a name column', async () => {
    const { client } = await ledger();
    window.location.hash = '#/explore?preset=custom&by=project&metric=spend';
    render(<App client={client} />);
    const table = await screen.findByTestId('explore-table', {}, { timeout: 20_000 });
    const row = (id: string) => table.querySelector(`tbody tr[data-keys='${JSON.stringify([id])}']`) as HTMLElement;
    await waitFor(() => expect(row(SUPPORT).querySelector('th')!.textContent).toContain('Support bot'));
    expect(row(SUPPORT).querySelector('[data-id]')!.getAttribute('title')).toBe(SUPPORT);
    expect(row(BATCH).querySelector('th')!.textContent).toContain(BATCH);

    fireEvent.click(within(row(BATCH)).getByRole('button', { name: `Rename ${BATCH}` }));
    const field = within(row(BATCH)).getByLabelText(`Display name for ${BATCH}`);
    fireEvent.change(field, { target: { value: 'Nightly batch' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() => expect(row(BATCH).querySelector('th')!.textContent).toContain('Nightly batch'));
    expect(await client.call('names.list', { dimension: 'project' })).toEqual([
      { dimension: 'project', value: BATCH, name: 'Nightly batch' },
      { dimension: 'project', value: SUPPORT, name: 'Support bot' },
    ]);

    const r = await client.call('report.explore', { groupBy: ['project'], bucket: 'none' });
    const csv = exploreCsv(r).split('\r\n');
    expect(csv[0]!.startsWith('project,project_name,project_ids,spend_')).toBe(true);
    expect(csv.some((l) => l.startsWith(`${SUPPORT},Support bot,${SUPPORT},`))).toBe(true);
    expect(csv.some((l) => l.startsWith(`${BATCH},Nightly batch,${BATCH},`))).toBe(true);
    expect(csv.find((l) => l.startsWith('TOTAL'))!.startsWith('TOTAL,,,')).toBe(true);
  });

  it('the Overview names its top projects', async () => {
    const { client } = await ledger();
    window.location.hash = '#/overview';
    render(<App client={client} />);
    const top = await screen.findByTestId('top-projects', {}, { timeout: 20_000 });
    await waitFor(() => expect(top.querySelector(`tr[data-key="${SUPPORT}"] th`)!.textContent).toContain('Support bot'));
  });

  it('the Overview shows a project named in several consoles once, its ids in the tooltip', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    window.location.hash = '#/overview';
    render(<App client={client} />);
    const top = await screen.findByTestId('top-projects', {}, { timeout: 20_000 });
    await waitFor(() => expect(top.querySelectorAll('tbody tr').length).toBeGreaterThan(2));
    const names = [...top.querySelectorAll('tbody th [data-id]')].map((e) => e.firstChild!.textContent);
    expect(names.filter((n) => n === 'Checkout web')).toHaveLength(1);
    const checkout = [...top.querySelectorAll('tbody th [data-id]')].find((e) => e.firstChild!.textContent === 'Checkout web')!;
    expect(checkout.getAttribute('title')).toBe('3 ids: /work/checkout-web, checkout-web, proj_checkout');
  });

  it('the budget scope picker suggests the ledger projects, by id and name', async () => {
    const { client } = await ledger();
    window.location.hash = '#/budgets';
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New budget' }));
    const input = screen.getByLabelText('Projects');
    fireEvent.change(input, { target: { value: 'bot' } });
    const list = await screen.findByTestId('scope-options-projects');
    await waitFor(() => expect([...list.querySelectorAll('option')].map((o) => [o.value, o.textContent])).toEqual([[SUPPORT, 'Support bot']]));
    fireEvent.change(input, { target: { value: `${SUPPORT}, ` } });
    await waitFor(() => expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual([`${SUPPORT}, ${BATCH}`]));
  });
});
