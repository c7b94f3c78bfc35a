/**
 * The column mapping wizard in jsdom, through the real contract on a real engine: an internal gateway's
 * CSV is refused, "Map its columns…" opens the wizard with roles guessed from the header, the fixed values
 * are set, the dry run shows the first rows as facts, "Save profile and import" saves the profile and
 * previews the import, which commits with the figures computed by hand; the next file with the same
 * header is recognized without the wizard.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

const HEADER = 'timestamp,model,prompt_tokens,cached_tokens,completion_tokens,cost_eur,team';
// Berlin wall-clock times (UTC+2 in September).
const SEPTEMBER = [
  HEADER,
  '2025-09-01 09:15:00,gpt-4o,1200,200,300,0.0125,search',
  '2025-09-01 10:02:30,gpt-4o-mini,800,0,150,0.0009,search',
  '2025-09-02 23:30:00,claude-sonnet-4,5000,4000,700,0.021,support',
  '2025-09-03 08:00:00,gpt-4o,2000,1500,100,0.0061,support',
].join('\n');
// By hand: uncached input (1200-200)+(800-0)+(5000-4000)+(2000-1500) = 3300; cache read 5700;
// output 1250; 4 requests; cost 0.0405 EUR.

function csvFile(name: string, text: string): File {
  return new File([text], name, { type: 'text/csv' });
}

const cell = (row: Element, cls: string) => row.querySelector(`[data-class="${cls}"]`)!.textContent;

describe('the column mapping wizard', () => {
  it('maps a refused gateway CSV, shows its first rows as facts, saves the profile and imports it with exact figures', async () => {
    const { client } = testEngine();
    window.location.hash = '#/imports';
    render(<App client={client} />);
    fireEvent.change(await screen.findByLabelText('Choose files…'), { target: { files: [csvFile('gateway-2025-09.csv', SEPTEMBER)] } });

    const refused = await screen.findByTestId('import-refused', {}, { timeout: 10_000 });
    expect(refused.textContent).toContain('gateway-2025-09.csv: not a known export format. Closest: LiteLLM spend logs CSV (litellm-spend-csv), which needs request_id, spend, startTime');
    fireEvent.click(screen.getByRole('button', { name: 'Map its columns…' }));

    const wizard = await screen.findByRole('region', { name: 'Map the columns of gateway-2025-09.csv' }, { timeout: 10_000 });
    // Each column with its first values and the role guessed from its name.
    const roleOf = (col: string) => (within(wizard).getByLabelText(`Role of ${col}`) as HTMLSelectElement).value;
    expect(['timestamp', 'model', 'prompt_tokens', 'cached_tokens', 'completion_tokens', 'cost_eur', 'team'].map(roleOf)).toEqual([
      'start',
      'model',
      'input',
      'cacheRead',
      'output',
      'cost',
      'project',
    ]);
    const modelRow = wizard.querySelector('tr[data-column="model"]')!;
    expect(modelRow.querySelector('td.samples')!.textContent).toBe('gpt-4o · gpt-4o-mini · claude-sonnet-4');
    expect((within(wizard).getByLabelText('Input tokens include the cached ones (subtract cache reads)') as HTMLInputElement).checked).toBe(true);
    expect((within(wizard).getByLabelText('Currency of the cost') as HTMLInputElement).value).toBe('EUR');

    // The dry run reads the first rows in UTC until the time zone is set.
    const dry = within(wizard).getByTestId('mapping-dry-run');
    await waitFor(() => expect(dry.querySelector('tr[data-line="2"]')?.children[1]?.textContent).toBe('2025-09-01 09:15:00'), { timeout: 10_000 });
    fireEvent.change(within(wizard).getByLabelText('Profile name'), { target: { value: 'Internal gateway' } });
    fireEvent.change(within(wizard).getByLabelText('Provider'), { target: { value: 'internal-gateway' } });
    fireEvent.change(within(wizard).getByLabelText('Time zone of times written without one'), { target: { value: 'Europe/Berlin' } });
    await waitFor(() => expect(dry.querySelector('tr[data-line="2"]')?.children[1]?.textContent).toBe('2025-09-01 07:15:00'), { timeout: 10_000 });
    const row4 = dry.querySelector('tr[data-line="4"]')!;
    expect(row4.children[1]!.textContent).toBe('2025-09-02 21:30:00');
    expect(cell(row4, 'input')).toBe('1,000');
    expect(cell(row4, 'cache_read')).toBe('4,000');
    expect(cell(row4, 'output')).toBe('700');
    expect(cell(row4, 'cost')).toBe('€0.021');

    // A wrong choice is explained and blocks saving: reasoning without output.
    fireEvent.change(within(wizard).getByLabelText('Role of completion_tokens'), { target: { value: 'reasoning' } });
    const problems = await within(wizard).findByTestId('mapping-problems', {}, { timeout: 10_000 });
    expect(problems.textContent).toBe('Reasoning tokens are a part of output: choose the output column too.');
    expect((within(wizard).getByRole('button', { name: 'Save profile and import' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(wizard).getByLabelText('Role of completion_tokens'), { target: { value: 'output' } });
    await waitFor(() => expect(within(wizard).queryByTestId('mapping-problems')).toBeNull(), { timeout: 10_000 });
    await waitFor(() => expect((within(wizard).getByRole('button', { name: 'Save profile and import' }) as HTMLButtonElement).disabled).toBe(false), {
      timeout: 10_000,
    });

    fireEvent.click(within(wizard).getByRole('button', { name: 'Save profile and import' }));
    const preview = await screen.findByTestId('import-preview', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('mapping-wizard')).toBeNull();
    const file = within(preview).getByTestId('import-file');
    expect(within(file).getByTestId('import-format').textContent).toBe('Internal gateway (column mapping)');
    expect(within(file).getByTestId('import-file-counts').querySelector('[data-count="new"]')!.textContent).toBe('4');
    const total = within(file).getByTestId('file-total');
    expect(cell(total, 'input')).toBe('3,300');
    expect(cell(total, 'cache_read')).toBe('5,700');
    expect(cell(total, 'output')).toBe('1,250');
    expect(cell(total, 'requests')).toBe('4');
    expect(total.querySelector('[data-currency="EUR"]')!.textContent).toBe('€0.0405');

    fireEvent.click(within(preview).getByRole('button', { name: 'Commit' }));
    expect((await screen.findByTestId('import-committed', {}, { timeout: 10_000 })).textContent).toContain('Imported 4 new rows from 1 file as batch 1.');
    // The history names the batch's format by the profile.
    const batch = await waitFor(
      () => {
        const rows = within(screen.getByTestId('import-history')).getAllByTestId('import-batch');
        expect(rows).toHaveLength(1);
        expect(rows[0]!.textContent).toContain('Internal gateway (column mapping)');
        return rows[0]!;
      },
      { timeout: 10_000 },
    );
    expect(within(batch).getByRole('rowheader').textContent).toBe('gateway-2025-09.csv');
    const report = await client.call('report.totals', {});
    expect(report.totals.tokens.input).toBe(3300);
    expect(report.totals.billed).toEqual({ EUR: '0.040500' });
    expect((await client.call('mappings.list', {})).map((p) => [p.name, p.roles.provider, p.roles.time.timeZone])).toEqual([['Internal gateway', 'internal-gateway', 'Europe/Berlin']]);

    // The next export with the same header goes straight to the preview.
    const october = [HEADER, '2025-10-01 12:00:00,gpt-4o,3000,1000,400,0.0188,search'].join('\n');
    fireEvent.change(screen.getByLabelText('Choose files…'), { target: { files: [csvFile('gateway-2025-10.csv', october)] } });
    const next = await screen.findByTestId('import-preview', {}, { timeout: 10_000 });
    await waitFor(() => expect(within(next).getByRole('heading', { name: 'gateway-2025-10.csv' })).toBeTruthy(), { timeout: 10_000 });
    expect(within(next).getByTestId('import-format').textContent).toBe('Internal gateway (column mapping)');
    expect(cell(within(next).getByTestId('file-total'), 'input')).toBe('2,000');
    expect(screen.queryByRole('button', { name: 'Map its columns…' })).toBeNull();
  });
});
