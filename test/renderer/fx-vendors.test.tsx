/**
 * The Prices screen's exchange rates and vendor regions in jsdom against a real engine: add and remove
 * a rate, import a CSV after a preview that names its bad lines, move a vendor to another region and
 * reset it, with the dashboard's region split following through the real contract.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import type { ApiClient } from '../../shared/contract/client';
import { BUILTIN_VENDORS } from '../../shared/domain/vendors';
import { writeLitellmCsv } from '../helpers/budget-samples';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

function rowTexts(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '').filter(Boolean).join(' | '));
}

async function cnSpend(client: ApiClient): Promise<Record<string, string | null>> {
  const o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency: 'USD' });
  return Object.fromEntries(o.regions.map((r) => [r.key ?? '(none)', r.spendDisplay]));
}

describe('exchange rates on the Prices screen', () => {
  it('shows the built-in points with their source, adds and removes a rate of the user, and converts the Overview with it', async () => {
    const { client } = testEngine();
    window.location.hash = '#/prices';
    render(<App client={client} />);
    const fx = await screen.findByTestId('fx-rates');
    const table = await within(fx).findByTestId('fx-table');
    // The shipped ECB rates: the last, 2025-05-09 (1 EUR = 1.1252 USD = 8.147 CNY), is in force from then on.
    expect(rowTexts(table)).toContain('CNY | 2025-05-09 | in force | 7.2404905795 | 0.138112 | ECB reference rate 2025-05-09: 1 EUR = 1.1252 USD, 1 EUR = 8.147 CNY | Built-in');
    expect(rowTexts(table)).toContain('EUR | 2025-05-09 | in force | 0.8887308923 | 1.1252 | ECB reference rate 2025-05-09: 1 EUR = 1.1252 USD | Built-in');
    // The 344 earlier days of each of the four currencies are not listed one by one.
    expect(rowTexts(table)).toHaveLength(4);
    expect(within(table).queryByRole('button', { name: /Remove/ })).toBeNull();

    const form = within(fx).getByRole('form', { name: 'Add a rate' });
    fireEvent.change(within(form).getByLabelText('Rate (units per 1 USD)'), { target: { value: '0' } });
    fireEvent.change(within(form).getByLabelText('Currency'), { target: { value: 'cny' } });
    fireEvent.change(within(form).getByLabelText('Effective date'), { target: { value: '2025-09-30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rate' }));
    expect((await within(fx).findByRole('alert')).textContent).toBe('Cannot set this FX rate: rate must be more than 0.');

    fireEvent.change(within(form).getByLabelText('Rate (units per 1 USD)'), { target: { value: '7.5' } });
    fireEvent.change(within(form).getByLabelText('Source'), { target: { value: 'bank statement' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rate' }));
    expect((await within(fx).findByRole('status')).textContent).toBe('Saved: 1 USD = 7.5 CNY from 2025-09-30.');
    await waitFor(() => expect(rowTexts(within(fx).getByTestId('fx-table'))).toContain('CNY | 2025-09-30 | in force | 7.5 | 0.133333 | bank statement | Yours | Remove'));
    // The built-in point before it now ends where the user's rate starts.
    expect(rowTexts(within(fx).getByTestId('fx-table'))).toContain('CNY | 2025-05-09 | 2025-09-30 | 7.2404905795 | 0.138112 | ECB reference rate 2025-05-09: 1 EUR = 1.1252 USD, 1 EUR = 8.147 CNY | Built-in');

    // Through the real contract: $15 of Sept 30 shown in CNY at the user's rate of that day, with its date.
    await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'sept.csv', [{ id: 'a', at: '2025-09-30T10:00:00Z', spend: '15' }])] });
    let o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency: 'CNY' });
    expect([o.totals.spendDisplay, o.display.rates[0]?.rateDate]).toEqual(['112.500000', '2025-09-30']);

    fireEvent.click(within(fx).getByRole('button', { name: 'Remove your CNY rate of 2025-09-30' }));
    expect((await within(fx).findByRole('status')).textContent).toBe('Removed your CNY rate of 2025-09-30.');
    await waitFor(() => expect(within(fx).queryByRole('button', { name: /Remove/ })).toBeNull());
    o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency: 'CNY' });
    // Back to the latest shipped rate: $15 x 7.2404905795 = ¥108.6073586925.
    expect([o.totals.spendDisplay, o.display.rates[0]?.rateDate]).toEqual(['108.607358693', '2025-05-09']);
  });

  it('previews a CSV of rates with what each adds and every bad line with its field, then imports it', async () => {
    const { client } = testEngine();
    window.location.hash = '#/prices';
    render(<App client={client} />);
    const fx = await screen.findByTestId('fx-rates');
    await within(fx).findByTestId('fx-table');
    const csv = 'date,currency,per_usd,source\n2025-05-09,CNY,7.13,bank\n2025-10-01,EUR,0.86,ECB\n2025-10-02,EURO,0.86,ECB\n2025-10-03,GBP,,ECB\n';
    fireEvent.change(within(fx).getByLabelText('CSV of rates'), { target: { files: [new File([csv], 'rates.csv', { type: 'text/csv' })] } });
    const result = await within(fx).findByTestId('fx-import-result');
    expect(within(result).getByRole('status').textContent).toBe('Preview of rates.csv: 2 rates, 2 bad lines left out.');
    expect(rowTexts(within(result).getByTestId('fx-import-preview'))).toEqual([
      'CNY | 2025-05-09 | 7.13 | bank | replaces the built-in 7.2404905795',
      'EUR | 2025-10-01 | 0.86 | ECB | new',
    ]);
    expect(within(result).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line 4: currency "EURO" is not a 3-letter code',
      'Line 5: per_usd is empty',
    ]);
    expect((await client.call('fx.list', {})).filter((r) => r.origin === 'user')).toEqual([]);

    fireEvent.click(within(result).getByRole('button', { name: 'Import 2 rates' }));
    await waitFor(() => expect(within(fx).getByTestId('fx-import-result').querySelector('[role="status"]')?.textContent).toBe('Imported rates.csv: 2 rates, 2 bad lines left out.'));
    expect((await client.call('fx.list', {})).filter((r) => r.origin === 'user').map((r) => `${r.currency} ${r.date} ${r.perUsd}`)).toEqual([
      'CNY 2025-05-09 7.13',
      'EUR 2025-10-01 0.86',
    ]);
    await waitFor(() => expect(rowTexts(within(fx).getByTestId('fx-table'))).toContain('CNY | 2025-05-09 | in force | 7.13 | 0.140252 | bank | Yours | Remove'));
  });
});

describe('vendor regions on the Prices screen', () => {
  it('searches the registry, moves a vendor to another region, and resets it, with the region split following', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', {
      paths: [
        writeLitellmCsv(tempDir(), 'sept.csv', [
          { id: 'a', at: '2025-09-10T10:00:00Z', spend: '10' },
          { id: 'b', at: '2025-09-10T11:00:00Z', spend: '3', model: 'deepseek-chat' },
        ]),
      ],
    });
    window.location.hash = '#/prices';
    render(<App client={client} />);
    const section = await screen.findByTestId('vendor-regions');
    const table = await within(section).findByTestId('vendor-table');
    const all = BUILTIN_VENDORS.length;
    expect(within(table).getByText(`${all} of ${all} vendors`)).toBeTruthy();
    expect(rowTexts(table)).toContain('Mistral AI | France | United StatesChinaEuropeOther | Built-in');

    fireEvent.change(within(section).getByLabelText('Search vendors'), { target: { value: 'deep' } });
    expect(rowTexts(within(section).getByTestId('vendor-table'))).toEqual(['DeepSeek | China | United StatesChinaEuropeOther | Built-in']);
    const select = within(section).getByLabelText<HTMLSelectElement>('Region of DeepSeek');
    expect(select.value).toBe('CN');
    expect(await cnSpend(client)).toEqual({ US: '10.000000', CN: '3.000000', EU: '0.000000', other: '0.000000' });

    fireEvent.change(select, { target: { value: 'US' } });
    expect((await within(section).findByRole('status')).textContent).toBe('DeepSeek is now in United States: its usage moved to United States in the region split.');
    await waitFor(() => expect(within(section).getByLabelText<HTMLSelectElement>('Region of DeepSeek').value).toBe('US'));
    expect(rowTexts(within(section).getByTestId('vendor-table'))).toEqual(['DeepSeek | China | United StatesChinaEuropeOther | You | Reset']);
    expect(await cnSpend(client)).toEqual({ US: '13.000000', CN: '0.000000', EU: '0.000000', other: '0.000000' });

    fireEvent.change(within(section).getByLabelText('Search vendors'), { target: { value: '' } });
    fireEvent.change(within(section).getByLabelText('Show'), { target: { value: 'user' } });
    expect(within(section).getByText(`1 of ${all} vendors, 1 changed by you`)).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Reset DeepSeek to its built-in region' }));
    expect((await within(section).findByRole('status')).textContent).toBe('DeepSeek is back in its built-in region, China: its usage moved with it.');
    await waitFor(() => expect(within(section).getByText('No vendor in this region.')).toBeTruthy());
    expect(await cnSpend(client)).toEqual({ US: '10.000000', CN: '3.000000', EU: '0.000000', other: '0.000000' });

    fireEvent.change(within(section).getByLabelText('Search vendors'), { target: { value: 'nobody' } });
    fireEvent.change(within(section).getByLabelText('Show'), { target: { value: '' } });
    expect(within(section).getByText('No vendor matches “nobody”.')).toBeTruthy();
  });
});
