/**
 * The Overview's month picker on a real engine whose clock is November 15, 2025 (never the wall clock),
 * with the sample exports of every vendor (September 2025): the months offered, a picked month, the comparison it refuses and
 * why, native amounts labelled, credits on their own line rather than as a region, and the top tips of the
 * month shown (not of another).
 */
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

const NOV_15 = Date.parse('2025-11-15T12:00:00Z');
const SAMPLES = ['anthropic-cost-report.json', 'anthropic-usage-report.json', 'aws-cur-bedrock.csv', 'azure-cost-export.csv', 'claude-code-session.jsonl', 'deepseek-usage-amount-2025-9.csv', 'gcp-billing-vertex.csv', 'openai-costs.json', 'openai-usage-completions.json', 'openrouter-activity.csv', 'zhipu-bill-detail.csv'].map((f) =>
  join(import.meta.dirname, '..', 'fixtures', 'exports', f),
);

describe('the Overview month picker', () => {
  it('offers the months with data and the current one, and shows what the picked month compares with', async () => {
    const { client } = testEngine({ now: () => NOV_15 });
    await client.call('imports.commit', { paths: SAMPLES });
    await client.call('settings.update', { timeZone: 'UTC' });
    window.location.hash = '#/overview';
    render(<App client={client} />);
    const picker = (await screen.findByTestId('month')) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual(['2025-11', '2025-09']);
    expect(picker.value).toBe('2025-09');
    expect(screen.getByTestId('period').textContent).toContain('the latest month with data (nothing yet in November 2025)');
    expect(screen.getByTestId('comparison').textContent).toBe('Not compared: August 2025 has no data.');
    expect(screen.getByText('Native amounts, as billed or estimated (not converted):')).toBeTruthy();
    const regions = screen.getByTestId('regions');
    const credits = within(regions).getByText('Credits and refunds (no region)').closest('tr')!;
    expect(credits.textContent).toMatch(/-/);
    for (const row of within(regions).getAllByRole('row').slice(1)) if (row !== credits) expect(row.textContent, row.textContent ?? '').not.toMatch(/-\$|−/);
    const tipsTitle = () => within(screen.getByTestId('top-tips')).getByRole('heading').textContent;
    await waitFor(() => expect(tipsTitle()).toBe('Top tips for September 2025'));
    expect(screen.getByTestId('top-tips').textContent).toMatch(/All \d+ tips?, .+ combined/);

    fireEvent.change(picker, { target: { value: '2025-11' } });
    await waitFor(() => expect(screen.getByTestId('period').textContent).toContain('November 2025, month to date'));
    expect(screen.getByTestId('comparison').textContent).toBe('Not compared: October 2025 has no data.');
    // The tips card follows the picked month: November has no usage, so no tip saves anything in it.
    await waitFor(() => expect(tipsTitle()).toBe('Top tips for November 2025'));
    expect(screen.getByTestId('top-tips').textContent).toContain('No savings found this month.');
    fireEvent.change(screen.getByTestId('month'), { target: { value: '2025-09' } });
    await waitFor(() => expect(screen.getByTestId('period').textContent).toContain('September 2025 (the whole month)'));
    await waitFor(() => expect(tipsTitle()).toBe('Top tips for September 2025'));
  });
});
