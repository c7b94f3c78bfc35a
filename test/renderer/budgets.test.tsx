/**
 * The Budgets screen in jsdom against a real engine: the editor's live preview, create, edit, and the
 * alert badge in the nav.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { writeLitellmCsv } from '../helpers/budget-samples';

describe('the Budgets screen', () => {
  it('previews a budget while it is typed, creates it, edits it, and counts its alerts in the nav', async () => {
    const { client } = testEngine();
    await client.call('settings.update', { timeZone: 'UTC' });
    window.location.hash = '#/budgets';
    render(<App client={client} />);
    expect(await screen.findByRole('heading', { name: 'No budgets yet' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New budget' }));
    const preview = screen.getByTestId('budget-preview');
    expect(within(preview).getByText("Give a name and an amount to see this period's status.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Everything' } });
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '250' } });
    await waitFor(() => expect(within(preview).getByTestId('budget-spent').textContent).toBe('$0.00'));
    expect(within(preview).getByText('Not enough data for a forecast: no usage in scope in this period or the 6 weeks before.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '0' } });
    expect(await within(preview).findByText(/the amount must be more than 0/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '250' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create budget' }));
    const item = await screen.findByTestId('budget-item');
    expect(within(item).getByText('of $250.00 (0 %)', { exact: false })).toBeTruthy();

    fireEvent.click(within(item).getByRole('button', { name: 'Edit Everything' }));
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '300' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(async () => expect((await client.call('budgets.list', {}))[0]!.amount).toBe('300.000000'));
    await waitFor(() => expect(within(screen.getByTestId('budget-item')).getByText('of $300.00 (0 %)', { exact: false })).toBeTruthy());
  });

  it('shows the unread alerts in the nav when the window opens, and lists them on the screen', async () => {
    const { client, engine } = testEngine();
    await client.call('budgets.create', {
      budget: { name: 'Small', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '1', currency: 'USD' }, thresholds: [100] },
    });
    const at = new Date(engine.ctx.now() - 5_000).toISOString(); // a request just before the engine's "now"
    await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'now.csv', [{ id: 'now-1', at, spend: '2' }])] });
    window.location.hash = '#/budgets';
    render(<App client={client} />);
    const badge = await screen.findByTestId('alerts-badge');
    expect(badge.textContent).toBe('1');
    expect(badge.getAttribute('aria-label')).toBe('1 unread budget alert');
    const panel = await screen.findByTestId('alerts-panel');
    expect(await within(panel).findByText(/^Small: 100 % of 1\.00 USD reached in .+ \(2\.00 USD spent, 200 %\)$/)).toBeTruthy();
    expect(within(await screen.findByTestId('budget-item')).getByText('Over budget')).toBeTruthy();
  });
});
