/**
 * One figure, whatever the question, over random questions (fast-check): with every sample export in one
 * ledger, for a random scope, period, time zone, display currency and grouping, a budget's spend equals
 * the report of the same scope and period, and a report's total equals the sum of its grouping rows, of
 * its day buckets, of its (group, day) rows and of the same days inside a wider view. Equal to the nano.
 * Part of the samples come from a second machine's bundle, so member and machine are real groupings.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { all } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { DISPLAY_CURRENCIES } from '../../shared/domain/fx';
import { parseDecimalToNano } from '../../shared/domain/money';
import { addDays } from '../../shared/domain/time';
import { testEngine, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const ALL_SAMPLES = readdirSync(EXPORTS);
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/London', 'Australia/Adelaide'];
const GROUPINGS = ['model', 'model_id', 'provider', 'vendor', 'origin_region', 'project', 'api_key', 'member', 'machine', 'host', 'line_type'] as const;
/** Imported on a second machine and merged as its bundle: the ledger holds two machines and two members. */
const OTHER_MACHINE = new Set(['claude-code-session.jsonl', 'deepseek-usage-amount-2025-9.csv', 'litellm-spend-logs.csv', 'agents']);
const REGIONS = ['CN', 'US', 'EU', 'other'] as const;

const nano = (v: string | null | undefined) => parseDecimalToNano(v ?? 'NaN');
const sum = (rows: readonly { spendDisplay: string | null }[]) => rows.reduce((s, r) => s + nano(r.spendDisplay), 0n);

describe('one figure, whatever the question (every sample imported)', () => {
  let t: TestEngine;
  let providers: string[];
  let vendors: string[];
  let members: string[];
  beforeAll(async () => {
    t = testEngine();
    const other = testEngine();
    const bundle = join(tempDir(), 'other.tlbundle');
    await other.client.call('imports.commit', { paths: ALL_SAMPLES.filter((f) => OTHER_MACHINE.has(f)).map((f) => join(EXPORTS, f)) });
    await other.client.call('team.update', { member: 'bo' });
    await other.client.call('bundle.export', { path: bundle });
    await t.client.call('imports.commit', { paths: ALL_SAMPLES.filter((f) => !OTHER_MACHINE.has(f)).map((f) => join(EXPORTS, f)) });
    await t.client.call('team.update', { member: 'ada' });
    await t.client.call('bundle.import', { paths: [bundle] });
    members = (await t.client.call('names.values', { dimension: 'member' })).map((v) => v.value);
    const distinct = (col: string) => all<{ v: string }>(t.engine.ctx.db, sql`SELECT DISTINCT ${sql.raw(col)} AS v FROM usage_facts WHERE ${sql.raw(col)} IS NOT NULL ORDER BY 1`).map((r) => r.v);
    providers = distinct('provider');
    vendors = distinct('vendor');
  }, 120_000);

  it('a budget equals the report of its scope and period; a total equals its rows, its days, its (row, day) cells and the same days in a wider view', async () => {
    const question = fc.record({
      timeZone: fc.constantFrom(...ZONES),
      currency: fc.constantFrom(...DISPLAY_CURRENCIES),
      scope: fc.record({
        regions: fc.subarray([...REGIONS], { maxLength: 2 }),
        providers: fc.subarray(providers, { maxLength: 3 }),
        vendors: fc.subarray(vendors, { maxLength: 2 }),
        members: fc.subarray(members, { maxLength: 2 }),
      }),
      from: fc.integer({ min: 0, max: 50 }).map((n) => addDays('2025-08-15', n)),
      days: fc.integer({ min: 0, max: 40 }),
      groupBy: fc.constantFrom(...GROUPINGS),
      margin: fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 })),
    });
    await fc.assert(
      fc.asyncProperty(question, async (c) => {
        const to = addDays(c.from, c.days);
        const filters = { origin_region: [...c.scope.regions], provider: [...c.scope.providers], vendor: [...c.scope.vendors], member: [...c.scope.members] };
        const view = { timeZone: c.timeZone, currency: c.currency, filters };
        const ask = (groupBy: (typeof GROUPINGS)[number][], bucket: 'none' | 'day', from = c.from, until = to) =>
          t.client.call('report.explore', { ...view, from, to: until, groupBy, bucket });
        const report = await ask([], 'none');
        const total = nano(report.totals.spendDisplay);
        const budget = await t.client.call('budgets.preview', {
          budget: { name: 'p', scope: c.scope, period: { kind: 'custom', timeZone: c.timeZone, from: c.from, to }, amount: { unit: 'money', value: '1', currency: c.currency } },
          at: '2025-11-20T00:00:00Z',
        });
        expect(nano(budget.spent), 'budget').toBe(total);
        const byDay = await ask([], 'day');
        expect(sum(byDay.rows), 'day buckets').toBe(total);
        const byGroup = await ask([c.groupBy], 'none');
        expect(sum(byGroup.rows), `rows by ${c.groupBy}`).toBe(total);
        expect(nano(byGroup.totals.spendDisplay), `total by ${c.groupBy}`).toBe(total);
        const cells = await ask([c.groupBy], 'day');
        expect(sum(cells.rows), `rows by ${c.groupBy} and day`).toBe(total);
        const wider = await ask([], 'day', addDays(c.from, -c.margin[0]), addDays(to, c.margin[1]));
        expect(sum(wider.rows.filter((r) => r.bucket! >= c.from && r.bucket! <= to)), 'inside a wider view').toBe(total);
      }),
      { numRuns: 40 },
    );
  }, 600_000);
});
