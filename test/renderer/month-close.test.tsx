/**
 * Month close on Reconcile, through the real contract on a real engine: mark a month reconciled, see a
 * later import's September part held with its amount, Accept counts it, Discard removes it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { monthName } from '../../shared/contract/api/close';
import { parseDecimalToNano } from '../../shared/domain/money';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'exports', name);
const HEADER =
  'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name';
const row = (id: string, at: string, cost: string) => `${id},${at},${cost},0,0,0,0,1000,200,0,0,openai/gpt-4.1-2025-04-14,OpenAI,standard,false,true,,stop,stop,1000,100,false,late-key,Late`;

function lateFile(): string {
  const path = join(tempDir(), 'late.csv');
  writeFileSync(path, [HEADER, row('gen-a', '2025-09-12 10:00:00.000', '1.25'), row('gen-b', '2025-09-20 11:00:00.000', '2.50'), row('gen-c', '2025-10-02 09:00:00.000', '0.50')].join('\n') + '\n');
  return path;
}

const septemberSpend = async (client: ReturnType<typeof testEngine>['client']) =>
  parseDecimalToNano((await client.call('report.explore', { from: '2025-09-01', to: '2025-09-30', timeZone: 'UTC', currency: 'USD', groupBy: [], bucket: 'none' })).totals.spend.USD ?? '0');

describe('Reconcile: month close', () => {
  it('marks the chosen month reconciled with a click', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [fixture('openai-costs.json'), fixture('openai-usage-completions.json')] });
    window.location.hash = '#/reconcile';
    render(<App client={client} />);
    const select = await screen.findByLabelText('Month', {}, { timeout: 20_000 });
    // The first month Reconcile offers (the month of the OpenAI bill and usage).
    const month = await waitFor(() => {
      const v = (select as HTMLSelectElement).options[1]?.value;
      expect(v).toMatch(/^\d{4}-\d{2}$/);
      return v!;
    });
    fireEvent.change(select, { target: { value: month } });
    fireEvent.click(await screen.findByRole('button', { name: `Mark ${monthName(month)} reconciled` }));
    expect(await screen.findByRole('button', { name: `Reopen ${monthName(month)}` })).toBeTruthy();
    expect((await client.call('close.list', {})).closed.map((c) => c.month)).toEqual([month]);
  });

  it('shows the held import with its amount; Accept counts exactly it, Discard removes another', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    await client.call('close.month', { month: '2025-09' });
    const before = await septemberSpend(client);
    const first = await client.call('imports.commit', { paths: [lateFile()] });
    window.location.hash = '#/reconcile';
    render(<App client={client} />);
    const status = await screen.findByText(/^1 import holds \$3\.75 for September 2025 \(closed\)$/, {}, { timeout: 20_000 });
    expect(status).toBeTruthy();
    const held = screen.getByRole('table', { name: 'Held imports' });
    const line = within(held).getByTestId(`held-${first.files[0]!.batchId}`);
    expect(line.textContent).toContain('late.csv');
    expect(line.textContent).toContain('September 2025');
    fireEvent.click(within(line).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Held imports' })).toBeNull());
    expect((await septemberSpend(client)) - before).toBe(parseDecimalToNano('3.75'));

    // Another file into the closed month, discarded: September stays.
    const other = join(tempDir(), 'later.csv');
    writeFileSync(other, [HEADER, row('gen-d', '2025-09-21 11:00:00.000', '9.00')].join('\n') + '\n');
    await client.call('imports.commit', { paths: [other] });
    const after = await septemberSpend(client);
    const discard = await screen.findByRole('button', { name: 'Discard' }, { timeout: 20_000 });
    fireEvent.click(discard);
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Held imports' })).toBeNull());
    expect(await septemberSpend(client)).toBe(after);
    expect((await client.call('close.list', {})).held).toEqual([]);
  });

  it('shows a held undo of an import as “Undo of” the file with the facts it removes; Accept undoes it', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    const late = await client.call('imports.commit', { paths: [lateFile()] });
    await client.call('close.month', { month: '2025-09' });
    const before = await septemberSpend(client);
    expect((await client.call('imports.undo', { batchId: late.files[0]!.batchId! })).heldMonths).toEqual(['2025-09']);
    window.location.hash = '#/reconcile';
    render(<App client={client} />);
    const held = await screen.findByRole('table', { name: 'Held imports' }, { timeout: 20_000 });
    const line = within(held).getByTestId(`held-${late.files[0]!.batchId}`);
    expect([...line.querySelectorAll('th, td')].slice(0, 6).map((c) => c.textContent)).toEqual(['Undo of late.csv', 'September 2025', '0', '0', '2', '-$3.75']);
    fireEvent.click(within(line).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Held imports' })).toBeNull());
    expect(before - (await septemberSpend(client))).toBe(parseDecimalToNano('3.75'));
  });
});
