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
import { parseDecimalToNano } from '../../shared/domain/money';
import { refreshDerived } from '../../electron/engine/ledger/derived';
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

  it("lists a tool's accounts; one account set to pay-as-you-go is spend while the rest of the tool stays in its plan", async () => {
    const { client, engine } = testEngine({ now: () => Date.parse('2025-09-25T12:00:00Z') });
    await client.call('imports.commit', { paths: [join(AGENTS, 'codex')] });
    // The agents' logs name no account: give one Codex session one, as an import that names accounts would.
    const db = engine.ctx.db;
    const session = db.prepare("SELECT json_extract(tags, '$.sessionId') FROM usage_facts WHERE provider = 'codex-log' LIMIT 1").pluck().get() as string;
    db.prepare("UPDATE usage_facts SET account = 'work' WHERE json_extract(tags, '$.sessionId') = ?").run(session);
    refreshDerived(db, db.prepare("SELECT DISTINCT day FROM usage_facts WHERE account = 'work'").pluck().all() as string[]);
    const work = db.prepare("SELECT count(*) AS n, sum(estimated_nano) AS nano FROM usage_facts WHERE account = 'work'").safeIntegers(true).get() as { n: bigint; nano: bigint };
    const all = (await client.call('report.totals', {})).totals;
    await client.call('plans.set', { tool: 'codex-log', plan: 'included' });

    window.location.hash = '#/settings';
    render(<App client={client} />);
    const accounts = await screen.findByTestId('plan-accounts-codex-log', {}, { timeout: 20_000 });
    expect(accounts.textContent).toContain(`work (${Number(work.n)} rows)`);
    const select = within(accounts).getByLabelText('How codex-log account work is paid') as HTMLSelectElement;
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: 'payg' } });
    await waitFor(() => expect((within(screen.getByTestId('plan-accounts-codex-log')).getByLabelText('How codex-log account work is paid') as HTMLSelectElement).value).toBe('payg'));
    expect((await client.call('plans.list', {})).settings).toEqual([
      { tool: 'codex-log', account: null, plan: 'included' },
      { tool: 'codex-log', account: 'work', plan: 'payg' },
    ]);
    const t = (await client.call('report.totals', {})).totals;
    const nano = (s: string | undefined) => parseDecimalToNano(s ?? '0');
    expect(nano(t.spend.USD)).toBe(work.nano);
    expect(nano(t.notional.USD)).toBe(nano(all.spend.USD) - work.nano);

    // "As the tool" removes the account's setting.
    fireEvent.change(within(screen.getByTestId('plan-accounts-codex-log')).getByLabelText('How codex-log account work is paid'), { target: { value: '' } });
    await waitFor(async () => expect((await client.call('plans.list', {})).settings).toEqual([{ tool: 'codex-log', account: null, plan: 'included' }]));
  });
});
