/**
 * The engine returns what it says to people as message ids with typed values, not prose: on the demo, every
 * tip, reconcile verdict and reason, budget alert and FX note carries `said`, its English `text` is exactly
 * `said` through the English catalog (no English written beside the catalogs), every id exists in both
 * catalogs, and each reads in Chinese. An alert and an engine error are checked with their figures.
 */
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/errors';
import { english } from '../../shared/i18n/english';
import { sayWith, type Said } from '../../shared/i18n/said';
import enEngine from '../../shared/i18n/en/engine.json';
import zhEngine from '../../shared/i18n/zh-CN/engine.json';
import { testEngine } from '../helpers/engine';

/** zh-CN formatting that fails on an id or a value missing from the catalog (FormatJS would print the id). */
const zh = createIntl<string>({
  locale: 'zh-CN',
  messages: zhEngine,
  onError: (e) => {
    throw e;
  },
});
const CJK = /[\u4e00-\u9fff]/;

function check(text: string, said: Said): void {
  expect(Object.keys(enEngine)).toContain(said.id);
  expect(text).toBe(english(said));
  const chinese = sayWith(zh, said);
  expect(CJK.test(chinese), `${said.id}: ${chinese}`).toBe(true);
  expect(chinese).not.toBe(text);
}

describe('engine prose comes from the catalogs', () => {
  it('tips, reconcile, alerts and the FX note on the demo', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    const tips = await client.call('tips.list', {});
    expect(new Set(tips.tips.map((t) => t.rule)).size).toBeGreaterThan(5);
    for (const t of tips.tips) {
      check(t.ruleTitle, t.said.ruleTitle);
      check(t.title, t.said.title);
      check(t.summary, t.said.summary);
      t.assumptions.forEach((a, i) => check(a, t.said.assumptions[i]!));
      expect(t.evidence.arithmetic.slice(-t.evidence.savings.length || undefined)).toEqual(t.evidence.savings.length ? t.evidence.savings.map(english) : t.evidence.arithmetic);
    }
    for (const month of (await client.call('reconcile.report', {})).months) {
      const r = await client.call('reconcile.report', { month });
      check(r.verdict.text, r.verdict.said);
      check(r.verdict.sign, r.verdict.signSaid);
      for (const l of [...r.lines, ...r.details]) for (const e of l.explanations) check(e.text, e.said);
    }
    const overview = await client.call('report.overview', {});
    check(overview.display.basis.note, overview.display.basis.said);
    const alerts = (await client.call('alerts.list', {})).alerts;
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) check(a.message, a.said);
  }, 120_000);

  it('every formula, evidence label and price tier of the tips of the demo is a message that reads in Chinese', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    const counts = { formulas: 0, labels: 0, applied: 0 };
    const rules = new Set<string>();
    for (const period of (await client.call('tips.list', {})).periods) {
      for (const t of (await client.call('tips.list', { period })).tips) {
        rules.add(t.rule);
        const { arithmetic, savings, aggregates, prices } = t.evidence;
        expect(t.said.formulas).toHaveLength(arithmetic.length - savings.length);
        t.said.formulas.forEach((f, i) => check(arithmetic[i]!, f));
        for (const a of aggregates) check(a.label, a.said);
        for (const p of prices) p.applied.forEach((a, i) => check(a, p.appliedSaid[i]!));
        counts.formulas += t.said.formulas.length;
        counts.labels += aggregates.length;
        counts.applied += prices.reduce((n, p) => n + p.appliedSaid.length, 0);
      }
    }
    expect(rules.size).toBe(9);
    expect(counts.formulas).toBeGreaterThan(90);
    expect(counts.labels).toBeGreaterThan(90);
    expect(counts.applied).toBeGreaterThan(0);
  }, 120_000);

  it('an alert says its figures in Chinese', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    const budget = await client.call('budgets.create', { budget: { name: '小预算', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '1', currency: 'USD' } } });
    const alert = (await client.call('alerts.list', { budgetId: budget.id! })).alerts.find((a) => a.kind === 'crossed' && a.threshold === 100)!;
    const spent = alert.figures.spent;
    const cents = Number(spent).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const month = new Date(Date.parse(`${alert.periodKey}-01T00:00:00Z`)).toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', timeZone: 'UTC' });
    expect(sayWith(zh, alert.said)).toBe(`小预算：已达到 1.00 USD 的 100%（${month}；已花费 ${cents} USD，占 ${String(alert.figures.sharePercent)}%）`);
  }, 120_000);

  it('an engine error carries its message id; its English text stays the message', async () => {
    const { client } = testEngine();
    const err = (await client.call('imports.undo', { batchId: 4242 }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('No import batch 4242');
    expect(err.said).toEqual({ id: 'engine.error.noBatch', values: { batch: 4242 } });
    expect(sayWith(zh, err.said!)).toBe('没有导入批次 4242');
  });
});
