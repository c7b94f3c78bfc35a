/**
 * A budget scoped to a model counts what the report of that model shows: the folded model (a dated
 * snapshot served under its alias that day is that model), for every model of the sample exports.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDecimalToNano } from '../../shared/domain/money';
import { testEngine, type TestEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');

describe('a budget scoped to a model', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine();
    await t.client.call('imports.commit', { paths: readdirSync(EXPORTS).map((f) => join(EXPORTS, f)) });
  }, 120_000);

  it('equals the report of that model, for every model', async () => {
    const view = { from: '2025-09-01', to: '2025-09-30', timeZone: 'UTC', currency: 'USD' };
    const models = await t.client.call('report.explore', { ...view, groupBy: ['model'], bucket: 'none' });
    const named = models.rows.filter((r) => r.keys[0] !== null);
    expect(named.length).toBeGreaterThan(10);
    const differ: string[] = [];
    for (const row of named) {
      const model = row.keys[0]!;
      const budget = await t.client.call('budgets.preview', {
        budget: { name: 'm', scope: { models: [model] }, period: { kind: 'custom', timeZone: 'UTC', from: view.from, to: view.to }, amount: { unit: 'money', value: '1', currency: 'USD' } },
        at: '2025-10-20T00:00:00Z',
      });
      if (parseDecimalToNano(budget.spent) !== parseDecimalToNano(row.spendDisplay!)) differ.push(`${model}: budget ${budget.spent}, report ${row.spendDisplay}`);
    }
    expect(differ).toEqual([]);
  }, 120_000);
});
