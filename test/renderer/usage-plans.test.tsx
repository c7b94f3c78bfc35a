/**
 * Plans in the window, through the real contract on a real engine: Settings lists the tools whose usage no
 * bill states; choosing "Included in my plan" for Codex takes its usage out of the Overview's spend and
 * shows it apart as value at list price.
 */
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { formatMoney } from '../../renderer/src/ui/format';
import { testEngine } from '../helpers/engine';

const AGENTS = join(import.meta.dirname, '..', 'fixtures', 'exports', 'agents');

describe('plans on the screens', () => {
  it('Settings sets Codex "included"; the Overview then shows its value apart from spend', async () => {
    const { client } = testEngine({ now: () => Date.parse('2025-09-25T12:00:00Z') });
    await client.call('imports.commit', { paths: [join(AGENTS, 'codex'), join(AGENTS, 'cursor')] });
    const before = await client.call('report.overview', { currency: 'USD' });
    window.location.hash = '#/settings';
    render(<App client={client} />);
    const form = await screen.findByTestId('usage-plans', {}, { timeout: 20_000 });
    const codex = within(form).getByLabelText('How codex-log is paid') as HTMLSelectElement;
    expect(codex.value).toBe('');
    fireEvent.change(codex, { target: { value: 'included' } });
    await waitFor(() => expect((within(form).getByLabelText('How codex-log is paid') as HTMLSelectElement).value).toBe('included'));
    expect((await client.call('plans.list', {})).settings).toEqual([{ tool: 'codex-log', account: null, plan: 'included' }]);

    const after = await client.call('report.overview', { currency: 'USD' });
    const codexValue = Number(before.totals.spendDisplay) - Number(after.totals.spendDisplay);
    expect(codexValue).toBeGreaterThan(0);
    expect(Number(after.totals.notionalDisplay)).toBeCloseTo(Number(before.totals.notionalDisplay) + codexValue, 9);
    window.location.hash = '#/overview';
    const notional = await screen.findByTestId('notional', {}, { timeout: 20_000 });
    await waitFor(() => expect(notional.textContent).toContain(formatMoney(after.totals.notionalDisplay!, 'USD')));
    expect(notional.textContent).toContain('value at list price included in plans (not spend)');
    expect(screen.getByTestId('spend-display').textContent).toBe(formatMoney(after.totals.spendDisplay!, 'USD'));
  });
});
