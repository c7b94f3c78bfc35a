/**
 * The monthly review pack of the generated demo, made by the CLI on a real ledger file: each CSV's
 * rows and totals are exactly `report --json`'s for the same month and grouping, the budgets,
 * reconcile and tips CSVs are the figures their own commands print, the PDF's text holds the headline
 * totals and a Chinese member name, the same pack made in Chinese (--lang zh-CN) has Chinese headings, the
 * same figures in zh-CN formatting and the same CSVs byte for byte, and page 1 rendered to an image (poppler's pdftoppm, installed by
 * .ci/run) is not blank. The PNG is kept under artifacts/e2e/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { ReportExplore } from '../../shared/contract/api/report';
import type { BudgetStatus } from '../../shared/contract/api/budgets';
import type { ReconcileReport } from '../../shared/contract/api/reconcile';
import type { TipsReport } from '../../shared/contract/api/tips';
import { formatMoneyText } from '../../shared/contract/format';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '../..');
const MONTH = '2025-09';
let dir = '';
let db = '';
let out = '';
let outZh = '';

async function cli(...args: string[]): Promise<string> {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io);
  expect(code, io.stderr.join('\n')).toBe(0);
  return io.stdout.join('\n');
}
const json = async <T>(...args: string[]): Promise<T> => JSON.parse(await cli(...args, '--json')) as T;

function csv(table: string): Record<string, string>[] {
  const text = readFileSync(join(out, `review-${MONTH}-${table}.csv`), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

beforeAll(async () => {
  dir = tempDir();
  db = join(dir, 'demo.sqlite');
  out = join(dir, 'pack');
  outZh = join(dir, 'pack-zh');
  await cli('demo');
  await cli('names', 'set', 'member', 'user_chen', '陈伟');
  await cli('review', '--month', MONTH, '--out', out);
  await cli('review', '--month', MONTH, '--out', outZh, '--lang', 'zh-CN');
}, 180_000);

describe('the review pack of the demo', () => {
  it('writes the PDF and one CSV per table, and says so', async () => {
    expect(readdirSync(out).sort()).toEqual(
      ['', '-budgets.csv', '-member.csv', '-price-changes.csv', '-project.csv', '-reconcile.csv', '-region.csv', '-tips.csv', '-vendor.csv']
        .map((s) => (s === '' ? `review-${MONTH}.pdf` : `review-${MONTH}${s}`))
        .sort(),
    );
  });

  for (const [table, by] of [['vendor', 'vendor'], ['region', 'region'], ['project', 'project'], ['member', 'member']] as const) {
    it(`by ${table}: every row and the total equal report --json exactly`, async () => {
      const report = await json<ReportExplore>('report', '--by', by, '--from', `${MONTH}-01`, '--to', `${MONTH}-30`);
      const cur = report.display.currency;
      const rows = csv(table);
      const dim = report.groupBy[0]!;
      const natives = [...new Set(report.rows.flatMap((r) => Object.keys(r.spend)))].sort();
      const expected = report.rows.map((r) => ({
        [dim]: r.keys[0] ?? '',
        spend: r.spendDisplay ?? '',
        natives: natives.map((c) => r.spend[c] ?? ''),
        requests: String(r.requests),
      }));
      const total = rows.pop()!;
      expect(rows.map((r) => ({ [dim]: r[dim], spend: r[`spend_${cur}`], natives: natives.map((c) => r[`spend_native_${c}`]), requests: r.requests }))).toEqual(expected);
      expect(total[dim]).toBe('TOTAL');
      expect(total[`spend_${cur}`]).toBe(report.totals.spendDisplay);
      expect(Object.fromEntries(natives.map((c) => [c, total[`spend_native_${c}`]]))).toEqual(report.totals.spend);
      expect(total.requests).toBe(String(report.totals.requests));
    });
  }

  it('budgets, reconcile and tips: the figures their commands answer for the month', async () => {
    const budgets = await json<BudgetStatus[]>('budgets', 'list', '--at', '2025-09-30T23:59:59.999Z');
    expect(csv('budgets').map((r) => [r.budget, r.amount, r.spent, r.remaining])).toEqual(budgets.map((b) => [b.definition.name, b.amount, b.spent, b.remaining]));
    const rec = await json<ReconcileReport>('report', 'reconcile', '--month', MONTH);
    const lines = rec.lines.filter((l) => l.period === MONTH);
    expect(lines.length).toBeGreaterThan(0);
    expect(csv('reconcile').map((r) => [r.provider, r.billed, r.estimated, r.delta])).toEqual(lines.map((l) => [l.provider, l.billed ?? '', l.estimated ?? '', l.delta ?? '']));
    const tips = await json<TipsReport>('tips', '--period', MONTH);
    const top = tips.tips.filter((t) => !t.dismissed).slice(0, 10);
    expect(top.length).toBeGreaterThan(0);
    expect(csv('tips').map((r) => [r.title, r.saving_USD ?? ''])).toEqual(top.map((t) => [t.title, t.saving.USD ?? '']));
  });

  it("the PDF's text holds the month, the headline totals and the Chinese member name", async () => {
    const report = await json<ReportExplore>('report', '--by', 'vendor', '--from', `${MONTH}-01`, '--to', `${MONTH}-30`);
    const text = execFileSync('pdftotext', ['-layout', join(out, `review-${MONTH}.pdf`), '-'], { encoding: 'utf8' });
    expect(text).toContain('September 2025');
    expect(text).toContain(formatMoneyText(report.totals.spendDisplay!, report.display.currency));
    for (const [c, v] of Object.entries(report.totals.spend)) expect(text).toContain(formatMoneyText(v, c));
    expect(text).toContain('陈伟 (user_chen)');
    expect(text).toContain('generated 2025-10-20 15:00 UTC');
    for (const heading of ['MONTHLY REVIEW', 'Spend by vendor region', 'Budgets vs actual', 'Reconcile: bills vs estimates', 'Price changes in the month', 'Top tips']) expect(text).toContain(heading);
  });

  it('in Chinese: the headings, the month and the same figures in zh-CN formatting; the CSVs are the same files', async () => {
    const report = await json<ReportExplore>('report', '--by', 'vendor', '--from', `${MONTH}-01`, '--to', `${MONTH}-30`);
    const budgets = await json<BudgetStatus[]>('budgets', 'list', '--at', '2025-09-30T23:59:59.999Z');
    const text = execFileSync('pdftotext', ['-layout', join(outZh, `review-${MONTH}.pdf`), '-'], { encoding: 'utf8' });
    for (const heading of ['月度复盘', '2025年9月', '按供应商的花费', '按供应商区域的花费', '按项目的花费', '按成员的花费', '预算与实际', '对账：账单与估算', '本月的价格变动', '主要建议', '合计', '生成于 2025-10-20 15:00 UTC']) {
      expect(text).toContain(heading);
    }
    expect(text).not.toMatch(/Spend by|Budgets vs|Top tips|page \d+ of/);
    const money = (amount: string, currency: string) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount as unknown as number);
    expect(text).toContain(`花费（${report.display.currency}）`);
    expect(text).toContain(money(report.totals.spendDisplay!, report.display.currency));
    expect(text).toContain(Object.entries(report.totals.spend).map(([c, v]) => money(v, c)).join(' + '));
    expect(text).toContain(report.totals.requests.toLocaleString('zh-CN'));
    for (const b of budgets) expect(text).toContain(money(b.spent, b.currency!));
    expect(text).toContain('陈伟 (user_chen)');
    for (const f of readdirSync(out).filter((n) => n.endsWith('.csv'))) expect(readFileSync(join(outZh, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  });

  it('page 1 as an image is not blank (kept under artifacts/e2e/)', () => {
    const pdf = join(out, `review-${MONTH}.pdf`);
    execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-gray', pdf, join(dir, 'page')]);
    const pgm = readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.pgm'))!));
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const pixels = pgm.subarray(m[0].length);
    expect(pixels.length).toBe(Number(m[1]) * Number(m[2]));
    const mean = pixels.reduce((s, v) => s + v, 0) / pixels.length;
    const variance = pixels.reduce((s, v) => s + (v - mean) ** 2, 0) / pixels.length;
    expect(variance).toBeGreaterThan(500);
    // Dark pixels (text and bars) are a visible share of the page, not a stray line.
    expect(pixels.filter((v) => v < 128).length / pixels.length).toBeGreaterThan(0.03);
    const artifacts = join(ROOT, 'artifacts', 'e2e');
    mkdirSync(artifacts, { recursive: true });
    execFileSync('pdftoppm', ['-r', '80', '-f', '1', '-l', '3', '-png', pdf, join(artifacts, `review-${MONTH}`)]);
    copyFileSync(pdf, join(artifacts, `review-${MONTH}.pdf`));
  });
});
