/**
 * FX rates and vendor regions through the real engine and a real SQLite file: a rate the user sets or
 * removes changes the converted Overview figure and the rate and date shown beside it; a CSV of rates
 * reports each bad line with its field; moving a vendor to another region moves its spend in the
 * Overview's region split (facts already in the ledger, facts imported later, and facts an undo puts
 * back), and resetting it moves the spend back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/contract/client';
import { writeLitellmCsv } from '../helpers/budget-samples';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

/** September 2025: $10 of gpt-4o (OpenAI, US), $3 of deepseek-chat (DeepSeek, CN), $2 of mistral-large (Mistral, EU). */
async function importSeptember(client: ApiClient) {
  const path = writeLitellmCsv(tempDir(), 'september.csv', [
    { id: 'r-openai', at: '2025-09-10T10:00:00Z', spend: '10', model: 'gpt-4o-2024-08-06' },
    { id: 'r-deepseek', at: '2025-09-10T11:00:00Z', spend: '3', model: 'deepseek-chat' },
    { id: 'r-mistral', at: '2025-09-12T09:00:00Z', spend: '2', model: 'mistral-large-2411' },
  ]);
  return client.call('imports.commit', { paths: [path] });
}

async function regionSplit(client: ApiClient, currency = 'USD'): Promise<Record<string, string | null>> {
  const o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency });
  return Object.fromEntries(o.regions.map((r) => [r.key ?? '(none)', r.spendDisplay]));
}

describe('FX rates the user edits', () => {
  it("converts the Overview at each day's rate, and a rate the user sets or removes changes the figure and the rate shown", async () => {
    const { client } = testEngine();
    await importSeptember(client);
    // September 2025 is after the last shipped ECB rate, 2025-05-09: 1 EUR = 1.1252 USD = 8.147 CNY, so
    // 1 USD = 8.147 / 1.1252 = 7.2404905795 CNY (10 decimals), and $15 = ¥108.6073586925, ¥108.607358693 to the nano.
    let o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency: 'CNY' });
    expect(o.totals.spend).toEqual({ USD: '15.000000' });
    expect(o.totals.spendDisplay).toBe('108.607358693');
    expect(o.display.rates).toEqual([{ from: 'USD', to: 'CNY', rate: '7.2404905795', rateDate: '2025-05-09' }]);
    expect(o.display.basis.note).toBe(
      "converted at each day's rate; September 2025 average 1 USD = 7.2405 CNY; days after May 9, 2025 (the last ECB reference rate shipped) use the latest rate",
    );

    // The user's rate from 2025-09-01 (7.5 per USD) is in force on both days with spend: $15 x 7.5 = ¥112.50.
    const rows = await client.call('fx.set', { currency: 'cny', date: '2025-09-01', perUsd: '7.5', source: 'bank statement' });
    expect(rows.filter((r) => r.date >= '2025-05-09')).toEqual([
      { currency: 'CNY', date: '2025-05-09', perUsd: '7.2404905795', source: 'ECB reference rate 2025-05-09: 1 EUR = 1.1252 USD, 1 EUR = 8.147 CNY', origin: 'builtin' },
      { currency: 'CNY', date: '2025-09-01', perUsd: '7.5', source: 'bank statement', origin: 'user' },
    ]);
    o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency: 'CNY' });
    expect(o.totals.spendDisplay).toBe('112.500000');
    expect(o.display.rates).toEqual([{ from: 'USD', to: 'CNY', rate: '7.5', rateDate: '2025-09-01' }]);
    expect(o.display.basis.beyondReference).toBeNull();
    // Native amounts are never overwritten.
    expect(o.totals.spend).toEqual({ USD: '15.000000' });

    await client.call('fx.unset', { currency: 'CNY', date: '2025-09-01' });
    o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency: 'CNY' });
    expect(o.totals.spendDisplay).toBe('108.607358693');
    expect(o.display.rates).toEqual([{ from: 'USD', to: 'CNY', rate: '7.2404905795', rateDate: '2025-05-09' }]);
  });

  it('refuses a rate of zero, a USD rate and the removal of a built-in point, saying why', async () => {
    const { client } = testEngine();
    await expect(client.call('fx.set', { currency: 'EUR', date: '2025-09-01', perUsd: '0.000' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Cannot set this FX rate: rate must be more than 0.',
    });
    await expect(client.call('fx.set', { currency: 'USD', date: '2025-09-01', perUsd: '1' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Cannot set this FX rate: currency USD needs no rate: rates are units of a currency per 1 USD.',
    });
    await expect(client.call('fx.unset', { currency: 'CNY', date: '2025-09-29' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No user FX rate for CNY on 2025-09-29 (built-in rates cannot be deleted; override them with a rate of the same date).',
    });
  });

  it('imports a CSV of rates after a dry run, naming the line and the field of every bad row', async () => {
    const { client } = testEngine();
    const path = join(tempDir(), 'rates.csv');
    writeFileSync(
      path,
      [
        'date,currency,per_usd,source',
        '2025-09-01,eur,0.8550,ECB',
        '',
        '2025-02-30,EUR,0.96,typo day',
        '2025-09-02,EURO,0.85,ECB',
        '2025-09-03,GBP,,ECB',
        '2025-09-04,JPY,0,ECB',
        '2025-09-01,EUR,0.86,again',
        '2025-09-05,USD,1,base',
        'yesterday,CNY,seven,bank',
        '2025-09-08,CNY,7.1,bank',
      ].join('\n'),
    );
    const dry = await client.call('fx.importCsv', { path, dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.rates).toEqual([
      { currency: 'EUR', date: '2025-09-01', perUsd: '0.8550', source: 'ECB', origin: 'user' },
      { currency: 'CNY', date: '2025-09-08', perUsd: '7.1', source: 'bank', origin: 'user' },
    ]);
    // Lines as a text editor numbers them: the blank line 3 counts.
    expect(dry.skipped.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 4, reason: 'date "2025-02-30" is not a day as YYYY-MM-DD' },
      { line: 5, reason: 'currency "EURO" is not a 3-letter code' },
      { line: 6, reason: 'per_usd is empty' },
      { line: 7, reason: 'per_usd must be more than 0' },
      { line: 8, reason: 'a rate for EUR on 2025-09-01 is already on line 2' },
      { line: 9, reason: 'currency USD needs no rate: rates are units of a currency per 1 USD' },
      { line: 10, reason: 'date "yesterday" is not a day as YYYY-MM-DD; per_usd "seven" is not a decimal number' },
    ]);
    // The same reasons as messages: line 10 names both fields, each a message of the catalog.
    expect(dry.skipped[6]!.said).toEqual({
      id: 'engine.fx.problems',
      values: { problems: { list: [{ id: 'engine.fx.dateBad', values: { date: 'yesterday' } }, { id: 'engine.fx.rateBad', values: { field: 'per_usd', rate: 'seven' } }] } },
    });
    expect((await client.call('fx.list', {})).filter((r) => r.origin === 'user')).toEqual([]);

    const done = await client.call('fx.importCsv', { path });
    expect(done.applied).toBe(true);
    expect((await client.call('fx.list', {})).filter((r) => r.origin === 'user').map((r) => `${r.currency} ${r.date} ${r.perUsd}`)).toEqual([
      'CNY 2025-09-08 7.1',
      'EUR 2025-09-01 0.8550',
    ]);
  });

  it('refuses a CSV without the rate columns', async () => {
    const { client } = testEngine();
    const path = join(tempDir(), 'no-rate.csv');
    writeFileSync(path, 'day,currency,rate\n2025-09-01,EUR,0.85\n');
    await expect(client.call('fx.importCsv', { path })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'FX CSV needs date, currency and per_usd columns (or date and cny_per_usd)',
    });
  });
});

describe('vendor regions the user edits', () => {
  it('lists at least 30 vendors with their headquarters and region', async () => {
    const { client } = testEngine();
    const vendors = await client.call('vendors.list', {});
    expect(vendors.length).toBeGreaterThanOrEqual(30);
    expect(vendors.find((v) => v.id === 'deepseek')).toEqual({ id: 'deepseek', displayName: 'DeepSeek', country: 'CN', region: 'CN', regionSource: 'builtin' });
    expect(vendors.find((v) => v.id === 'mistral')).toMatchObject({ country: 'FR', region: 'EU', regionSource: 'builtin' });
  });

  it("moves a vendor's spend to the region the user gives it in the Overview's split, and back when reset to the built-in one", async () => {
    const { client } = testEngine();
    await importSeptember(client);
    expect(await regionSplit(client)).toEqual({ US: '10.000000', CN: '3.000000', EU: '2.000000', other: '0.000000' });

    const rows = await client.call('vendors.setRegion', { vendor: 'deepseek', region: 'US' });
    expect(rows.find((v) => v.id === 'deepseek')).toMatchObject({ region: 'US', regionSource: 'user' });
    expect(await regionSplit(client)).toEqual({ US: '13.000000', CN: '0.000000', EU: '2.000000', other: '0.000000' });
    // The facts behind the figure follow too.
    const facts = await client.call('report.facts', { from: '2025-09-01', to: '2025-09-30', timeZone: 'UTC', filters: { vendor: ['deepseek'] } });
    expect(facts.rows.map((f) => f.originRegion)).toEqual(['US']);

    await client.call('vendors.setRegion', { vendor: 'deepseek', region: null });
    expect((await client.call('vendors.list', {})).find((v) => v.id === 'deepseek')).toMatchObject({ region: 'CN', regionSource: 'builtin' });
    expect(await regionSplit(client)).toEqual({ US: '10.000000', CN: '3.000000', EU: '2.000000', other: '0.000000' });
  });

  it('refuses a region for a vendor neither the registry nor the ledger knows, and changes nothing', async () => {
    const { client } = testEngine();
    await expect(client.call('vendors.setRegion', { vendor: 'deepsek', region: 'US' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No vendor "deepsek" in the registry or the ledger; vendors.list names them.',
    });
    expect((await client.call('vendors.list', {})).filter((v) => v.regionSource === 'user')).toEqual([]);
  });

  it("keeps facts imported after the edit, and facts an undo puts back, in the user's region", async () => {
    const { client } = testEngine();
    await importSeptember(client);
    await client.call('vendors.setRegion', { vendor: 'mistral', region: 'other' });
    expect(await regionSplit(client)).toEqual({ US: '10.000000', CN: '3.000000', EU: '0.000000', other: '2.000000' });

    // A later export: a new Mistral request ($4) and the first request again with a revised spend ($2 -> $2.50).
    const later = writeLitellmCsv(tempDir(), 'later.csv', [
      { id: 'r-mistral-2', at: '2025-09-20T09:00:00Z', spend: '4', model: 'mistral-large-2411' },
      { id: 'r-mistral', at: '2025-09-12T09:00:00Z', spend: '2.5', model: 'mistral-large-2411' },
    ]);
    const result = await client.call('imports.commit', { paths: [later] });
    expect(result.counts).toMatchObject({ new: 1, revised: 1 });
    expect(await regionSplit(client)).toEqual({ US: '10.000000', CN: '3.000000', EU: '0.000000', other: '6.500000' });

    // Undo puts the revised fact's earlier values back (the built-in region among them): it stays 'other'.
    await client.call('imports.undo', { batchId: result.files[0]!.batchId! });
    expect(await regionSplit(client)).toEqual({ US: '10.000000', CN: '3.000000', EU: '0.000000', other: '2.000000' });
  });
});
