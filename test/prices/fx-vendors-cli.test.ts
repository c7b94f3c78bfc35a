/**
 * `tokenledger fx ...` and `tokenledger vendors ...` through runCli with captured io, on a real ledger
 * file: listing, setting and deleting FX rates, a CSV import with a dry run, and moving a vendor's region.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { FxImportResult, FxRateRow } from '../../shared/contract/api/fx';
import type { VendorRow } from '../../shared/contract/api/vendors';
import { EXIT_CODES } from '../../shared/contract/errors';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

async function cli(db: string, ...args: string[]) {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const newLedger = () => join(tempDir(), 'ledger.sqlite');

describe('tokenledger fx', () => {
  it('lists the built-in CNY rates as a table and as JSON', async () => {
    const db = newLedger();
    const text = await cli(db, 'fx', 'list', '--currency', 'cny');
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toMatch(/^currency +from +per USD +origin +source$/);
    // ECB 2025-05-09: 1 EUR = 1.1252 USD = 8.147 CNY, so 1 USD = 7.2404905795 CNY.
    expect(text.out).toMatch(/^CNY +2025-05-09 +7\.2404905795 +builtin +ECB reference rate 2025-05-09: 1 EUR = 1\.1252 USD, 1 EUR \.\.\.$/m);
    expect(text.out).toMatch(/^345 rates$/m);
    const json = JSON.parse((await cli(db, 'fx', 'list', '--currency', 'CNY', '--json')).out) as FxRateRow[];
    expect(json.length).toBe(345);
    // ECB 2024-01-02: 1 EUR = 1.0956 USD = 7.8264 CNY, so 1 USD = 7.1434830230 CNY.
    expect([json[0], json.at(-1)].map((r) => `${r?.date} ${r?.perUsd} ${r?.origin}`)).toEqual(['2024-01-02 7.143483023 builtin', '2025-05-09 7.2404905795 builtin']);
    expect(json.every((r) => r.currency === 'CNY')).toBe(true);
  });

  it('sets a rate of the user from a day, then deletes it, in text and JSON', async () => {
    const db = newLedger();
    const set = await cli(db, 'fx', 'set', 'eur', '0.855', '--from', '2025-09-01', '--source', 'ECB');
    expect(set.code).toBe(0);
    expect(set.out).toContain('Set EUR from 2025-09-01: 0.855 per USD.');
    expect(set.out).toMatch(/^EUR +2025-09-01 +0\.855 +user +ECB$/m);
    // The rates around the day, not EUR's whole history, and where the rest is.
    expect(set.out.match(/^EUR /gm)).toHaveLength(7);
    expect(set.out).toMatch(/^339 more rates: tokenledger fx list --currency EUR$/m);

    const json = JSON.parse((await cli(db, 'fx', 'set', 'EUR', '0.86', '--from', '2025-09-02', '--json')).out) as FxRateRow[];
    expect(json.filter((r) => r.origin === 'user')).toEqual([
      { currency: 'EUR', date: '2025-09-01', perUsd: '0.855', source: 'ECB', origin: 'user' },
      { currency: 'EUR', date: '2025-09-02', perUsd: '0.86', source: 'user', origin: 'user' },
    ]);

    const unset = await cli(db, 'fx', 'unset', 'EUR', '--from', '2025-09-01');
    expect(unset.code).toBe(0);
    expect(unset.out).toContain('Deleted your EUR rate of 2025-09-01.');
    expect(unset.out).not.toMatch(/2025-09-01 +0\.855/);
    const left = JSON.parse((await cli(db, 'fx', 'unset', 'EUR', '--from', '2025-09-02', '--json')).out) as FxRateRow[];
    expect(left.filter((r) => r.origin === 'user')).toEqual([]);
    expect(left.length).toBe(345);
    expect(left.every((r) => r.origin === 'builtin')).toBe(true);
  });

  it('refuses a rate that is not a positive decimal with the VALIDATION exit code, and a missing --from', async () => {
    const db = newLedger();
    const word = await cli(db, 'fx', 'set', 'EUR', 'abc', '--from', '2025-09-01');
    expect(word.code).toBe(EXIT_CODES.VALIDATION);
    expect(word.err).toBe('error: <rate-per-USD>: expected a non-negative decimal number. Run `tokenledger fx --help` for its options.');
    const zero = await cli(db, 'fx', 'set', 'EUR', '0', '--from', '2025-09-01', '--json');
    expect(zero.code).toBe(EXIT_CODES.VALIDATION);
    expect(JSON.parse(zero.out)).toMatchObject({ error: { code: 'VALIDATION', message: 'Cannot set this FX rate: rate must be more than 0.' } });
    const noDay = await cli(db, 'fx', 'set', 'EUR', '0.9');
    expect(noDay.code).toBe(EXIT_CODES.VALIDATION);
    expect(noDay.err).toBe('error: fx set needs --from YYYY-MM-DD (the day the rate is in force from)');
    expect(JSON.parse((await cli(db, 'fx', 'list', '--currency', 'EUR', '--json')).out).filter((r: FxRateRow) => r.origin === 'user')).toEqual([]);
  });

  it('answers NOT_FOUND when deleting a built-in rate', async () => {
    const r = await cli(newLedger(), 'fx', 'unset', 'CNY', '--from', '2025-09-29');
    expect(r.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(r.err).toBe('error: No user FX rate for CNY on 2025-09-29 (built-in rates cannot be deleted; override them with a rate of the same date).');
  });

  it('imports a CSV of rates with --dry-run writing nothing, then for real, naming skipped lines', async () => {
    const db = newLedger();
    const file = join(tempDir(), 'rates.csv');
    writeFileSync(file, ['date,currency,per_usd,source', '2025-09-01,eur,0.8550,ECB', '2025-09-03,GBP,,ECB', '2025-09-08,CNY,7.1,bank'].join('\n'));
    const dry = await cli(db, 'fx', 'import', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Dry run of ${file}: 2 rates, 1 line skipped`);
    expect(dry.out).toMatch(/^EUR +2025-09-01 +0\.8550 +user +ECB$/m);
    expect(dry.out).toContain('  line 3: per_usd is empty');
    expect(dry.out).toContain('Nothing was written (dry run).');
    const after = JSON.parse((await cli(db, 'fx', 'list', '--json')).out) as FxRateRow[];
    expect(after.filter((r) => r.origin === 'user')).toEqual([]);

    const dryJson = JSON.parse((await cli(db, 'fx', 'import', file, '--dry-run', '--json')).out) as FxImportResult;
    expect(dryJson).toEqual({
      applied: false,
      rates: [
        { currency: 'EUR', date: '2025-09-01', perUsd: '0.8550', source: 'ECB', origin: 'user' },
        { currency: 'CNY', date: '2025-09-08', perUsd: '7.1', source: 'bank', origin: 'user' },
      ],
      skipped: [{ line: 3, reason: 'per_usd is empty', said: { id: 'engine.fx.problems', values: { problems: { list: [{ id: 'engine.fx.rateEmpty', values: { field: 'per_usd' } }] } } } }],
    });

    const done = await cli(db, 'fx', 'import', file);
    expect(done.out).toContain(`Imported ${file}: 2 rates, 1 line skipped`);
    expect(done.out).not.toContain('dry run');
    const user = (JSON.parse((await cli(db, 'fx', 'list', '--json')).out) as FxRateRow[]).filter((r) => r.origin === 'user');
    expect(user.map((r) => `${r.currency} ${r.date} ${r.perUsd}`)).toEqual(['CNY 2025-09-08 7.1', 'EUR 2025-09-01 0.8550']);
  });
});

describe('tokenledger vendors', () => {
  it('lists the vendors of a region as a table and as JSON', async () => {
    const db = newLedger();
    const text = await cli(db, 'vendors', 'list', '--region', 'EU');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^mistral +Mistral AI +FR +EU +built-in$/m);
    expect(text.out).not.toMatch(/^deepseek /m);
    const json = JSON.parse((await cli(db, 'vendors', 'list', '--region', 'CN', '--json')).out) as VendorRow[];
    expect(json.find((v) => v.id === 'deepseek')).toEqual({ id: 'deepseek', displayName: 'DeepSeek', country: 'CN', region: 'CN', regionSource: 'builtin' });
    expect(json.every((v) => v.region === 'CN')).toBe(true);
    const all = JSON.parse((await cli(db, 'vendors', 'list', '--json')).out) as VendorRow[];
    expect(all.length).toBeGreaterThan(json.length);
  });

  it("moves a vendor to another region and resets it to the built-in one", async () => {
    const db = newLedger();
    const set = await cli(db, 'vendors', 'set-region', 'deepseek', 'us');
    expect(set.code).toBe(0);
    expect(set.out).toBe('DeepSeek (deepseek) is now in region US; its facts in the ledger follow.');
    expect((await cli(db, 'vendors', 'list', '--region', 'US')).out).toMatch(/^deepseek +DeepSeek +CN +US +you$/m);
    const json = JSON.parse((await cli(db, 'vendors', 'set-region', 'deepseek', 'other', '--json')).out) as VendorRow;
    expect(json).toEqual({ id: 'deepseek', displayName: 'DeepSeek', country: 'CN', region: 'other', regionSource: 'user' });

    const reset = await cli(db, 'vendors', 'reset', 'deepseek');
    expect(reset.out).toBe('DeepSeek (deepseek) is now in region CN (built-in); its facts in the ledger follow.');
    const back = JSON.parse((await cli(db, 'vendors', 'reset', 'deepseek', '--json')).out) as VendorRow;
    expect(back).toMatchObject({ region: 'CN', regionSource: 'builtin' });
  });

  it('answers NOT_FOUND for an unknown vendor and VALIDATION for an unknown region', async () => {
    const db = newLedger();
    const unknown = await cli(db, 'vendors', 'set-region', 'acme', 'US');
    expect(unknown.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(unknown.err).toBe('error: No vendor "acme" in the registry or the ledger; vendors.list names them.');
    expect((await cli(db, 'vendors', 'reset', 'acme', '--json')).code).toBe(EXIT_CODES.NOT_FOUND);
    const mars = await cli(db, 'vendors', 'set-region', 'deepseek', 'Mars');
    expect(mars.code).toBe(EXIT_CODES.VALIDATION);
    expect(mars.err).toBe('error: "Mars" is not a region: use US, CN, EU or other');
  });
});
