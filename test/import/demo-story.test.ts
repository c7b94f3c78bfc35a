/**
 * The generated demo tells the story on first run: four months anchored to the engine's clock, every tip
 * rule firing in some month, a region shift, a price rise and a budget forecast to break on the Overview's
 * month; the same instant always gives the same files, and "Remove demo data" takes all of it out.
 */
import { describe, expect, it } from 'vitest';
import { TIP_RULES } from '../../shared/domain/tips';
import { demoFiles } from '../../electron/engine/imports/demo-story';
import { testEngine } from '../helpers/engine';

const NOW = Date.parse('2026-03-18T09:30:00Z');
const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03'];

const share = (part: number, whole: number) => (100 * part) / whole;

async function loaded() {
  const t = testEngine({ now: () => NOW });
  const result = await t.client.call('demo.load', {});
  return { ...t, result };
}

describe('the generated demo', () => {
  it('is the same for the same instant, and follows the clock', () => {
    const a = demoFiles(NOW);
    expect(demoFiles(NOW)).toEqual(a);
    const later = demoFiles(Date.parse('2026-07-02T00:00:00Z'));
    expect(later.map((f) => f.name)).not.toEqual(a.map((f) => f.name));
    // Nothing at or after the clock's day: every DeepSeek row is dated before 2026-03-18.
    const deepseek = a.filter((f) => f.name.startsWith('deepseek')).map((f) => f.name);
    expect(deepseek).toEqual(['deepseek-usage-amount-2025-12.csv', 'deepseek-usage-amount-2026-1.csv', 'deepseek-usage-amount-2026-2.csv', 'deepseek-usage-amount-2026-3.csv']);
    const days = [...a.find((f) => f.name === 'deepseek-usage-amount-2026-3.csv')!.text.matchAll(/,(2026\d{4}),/g)].map((m) => m[1]);
    expect(days.at(-1)).toBe('20260317');
    expect(days[0]).toBe('20260301');
  });

  it('covers three full months and the current one, with six named people, three projects and named keys', async () => {
    const { client, result } = await loaded();
    expect(result.alreadyLoaded).toBe(false);
    const tips = await client.call('tips.list', { period: '2026-03' });
    expect(tips.periods).toEqual([...MONTHS].reverse());
    const names = await client.call('names.list', {});
    expect(names.filter((n) => n.dimension === 'member').map((n) => n.name)).toEqual(['Amara Okafor', 'Bo Lindqvist', 'Chen Wei', 'Dana Kim', 'Eli Moreau', 'Fei Zhang']);
    expect(new Set(names.filter((n) => n.dimension === 'project').map((n) => n.name))).toEqual(new Set(['Checkout web', 'Support bot', 'Data pipeline']));
    expect(names.filter((n) => n.dimension === 'api_key').length).toBe(6);
    // Bills in USD and CNY beside Claude Code and Codex logs.
    const formats = new Set(result.files.map((f) => f.format));
    for (const f of ['openai-usage-json', 'openai-costs-json', 'deepseek-usage-amount-csv', 'openrouter-activity-csv', 'aws-cur', 'claude-code-jsonl', 'codex-rollout-jsonl']) expect(formats).toContain(f);
    const totals = await client.call('report.totals', {});
    expect(Object.keys(totals.totals.spend).sort()).toEqual(['CNY', 'USD']);
  });

  it('fires each of the nine tip rules in at least one month', async () => {
    const { client } = await loaded();
    const fired = new Set<string>();
    for (const period of MONTHS) for (const r of (await client.call('tips.list', { period })).rulesFired) fired.add(r);
    expect([...fired].sort()).toEqual([...TIP_RULES].sort());
  });

  it('shows on the Overview a China share that moved 20+ points, the price rise and a budget forecast to break', async () => {
    const { client } = await loaded();
    const ov = await client.call('report.overview', {});
    expect(ov.period.month).toBe('2026-03');
    const now = (r: string) => Number(ov.regions.find((x) => x.key === r)?.spendDisplay ?? 0);
    const before = (r: string) => Number(ov.regions.find((x) => x.key === r)?.previousSpendDisplay ?? 0);
    const cnNow = share(now('CN'), now('CN') + now('US'));
    const cnBefore = share(before('CN'), before('CN') + before('US'));
    expect(cnNow - cnBefore).toBeGreaterThanOrEqual(20);

    // DeepSeek raised its price on the 15th of last month (00:00 UTC, where its daily bill starts a day); the month's tips say what it costs.
    const tips = await client.call('tips.list', {});
    const rise = tips.tips.find((t) => t.rule === 'price-change' && t.id.endsWith('|2026-02-15'));
    expect(rise?.title).toBe('deepseek-chat got dearer on 2026-02-15 00:00 UTC');
    const history = await client.call('prices.show', { model: 'deepseek-chat' });
    const cny = history.history.filter((e) => e.currency === 'CNY' && e.origin === 'user' && e.route === 'direct');
    expect(cny.map((e) => [e.effectiveFrom, e.prices.input, e.prices.output])).toEqual([
      ['2025-12-01', '2', '3'],
      ['2026-02-15', '4', '8'],
    ]);

    const budgets = await client.call('budgets.list', {});
    const china = budgets.find((b) => b.definition.name === 'China vendors')!;
    const agents = budgets.find((b) => b.definition.name === 'Coding agents')!;
    if (china.forecast.status === 'insufficient' || agents.forecast.status === 'insufficient') throw new Error('no forecast');
    expect(Number(china.spent)).toBeLessThan(Number(china.amount));
    expect(Number(china.forecast.expected)).toBeGreaterThan(Number(china.amount));
    expect(china.forecast.overrunDay! > '2026-03-18').toBe(true);
    expect(Number(agents.forecast.expected)).toBeLessThan(Number(agents.amount));
  });

  it('reconciles: every bill of every month within 1 % of its estimate, the price rise day included', async () => {
    const { client } = await loaded();
    const off: string[] = [];
    let bills = 0;
    for (const month of MONTHS) {
      const report = await client.call('reconcile.report', { month });
      // DeepSeek (CNY), OpenRouter, OpenAI and Bedrock each bill every month.
      bills += report.verdict.bills;
      if (report.verdict.within !== report.verdict.bills) off.push(`${month}: ${report.verdict.text}`);
      for (const d of [...report.lines, ...report.details]) if (d.withinOnePercent === false) off.push(`${d.provider} ${d.period} ${d.model ?? ''}: ${d.deltaPercent} %`);
    }
    expect(bills).toBe(16);
    expect(off).toEqual([]);
  });

  it('goes out whole: batches, names, budgets and the demo prices', async () => {
    const { client } = await loaded();
    await client.call('demo.remove', {});
    expect((await client.call('report.totals', {})).factCount).toBe(0);
    expect(await client.call('names.list', {})).toEqual([]);
    expect(await client.call('budgets.list', {})).toEqual([]);
    const history = await client.call('prices.show', { model: 'deepseek-chat' });
    expect(history.history.filter((e) => e.origin === 'user')).toEqual([]);
  });
});
