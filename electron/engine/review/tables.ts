/**
 * The pack's tables, each once: every cell as the CSV states it (exact decimal strings, ids) and as the
 * PDF shows it (money formatted as the window formats it, names beside ids). The CSV and the PDF print
 * the same rows.
 */
import type { AmountsByCurrency } from '../../../shared/contract/types';
import type { ReportExplore, ViewGroup } from '../../../shared/contract/api/report';
import type { NamedDimension } from '../../../shared/contract/api/names';
import { formatMoneyText } from '../../../shared/contract/format';
import { tokenTotal } from '../../../shared/domain/aggregate';
import { BREAKDOWNS, type ReviewData } from './gather';

export interface PackColumn {
  /** Header in the PDF. */
  title: string;
  /** Header in the CSV. */
  csv: string;
  align: 'left' | 'right';
  /** Share of the page's width. */
  weight: number;
}

export interface PackRow {
  csv: string[];
  shown: string[];
  total?: boolean;
}

export interface PackTable {
  /** The CSV's file name suffix: review-YYYY-MM-<id>.csv. */
  id: string;
  title: string;
  /** A line under the title (the conversion basis, the verdict). */
  note: string | null;
  columns: PackColumn[];
  rows: PackRow[];
  /** What the PDF says when there are no rows. */
  empty: string;
}

const col = (title: string, csv: string, align: 'left' | 'right', weight: number): PackColumn => ({ title, csv, align, weight });

export const money = (amount: string | null, currency: string): string => (amount === null ? 'no rate' : formatMoneyText(amount, currency));
export const amountsText = (a: AmountsByCurrency): string => {
  const parts = Object.entries(a).map(([c, v]) => formatMoneyText(v, c));
  return parts.length ? parts.join(' + ') : '-';
};
export const integer = (n: number): string => n.toLocaleString('en-US');
const orEmpty = (v: string | null | undefined): string => v ?? '';

/** Native currencies of a view, in a stable order, for one CSV column each. */
function currenciesOf(r: ReportExplore): string[] {
  return [...new Set([...Object.keys(r.totals.spend), ...r.rows.flatMap((g) => Object.keys(g.spend))])].sort();
}

function breakdownTable(id: string, title: string, r: ReportExplore): PackTable {
  const cur = r.display.currency;
  const dim = r.groupBy[0]!;
  const natives = currenciesOf(r);
  const names = r.names[dim as NamedDimension] ?? {};
  const figures = (g: Pick<ViewGroup, 'spendDisplay' | 'spend' | 'tokens' | 'requests'>) => ({
    csv: [orEmpty(g.spendDisplay), ...natives.map((c) => g.spend[c] ?? ''), String(tokenTotal(g.tokens)), String(g.requests)],
    shown: [money(g.spendDisplay, cur), amountsText(g.spend), integer(tokenTotal(g.tokens)), integer(g.requests)],
  });
  const rows: PackRow[] = r.rows.map((g) => {
    const key = g.keys[0] ?? null;
    const name = key === null ? undefined : names[key];
    // Ids that share a name are one row: it says how many; one id shows beside its name.
    const ids = key === null ? [] : (r.ids[dim as NamedDimension]?.[key] ?? [key]);
    const f = figures(g);
    return { csv: [orEmpty(key), name ?? '', ...f.csv], shown: [key === null ? '(not stated)' : !name ? key : ids.length > 1 ? `${name} (${ids.length} ids)` : `${name} (${ids[0]})`, ...f.shown] };
  });
  const t = figures(r.totals);
  rows.push({ csv: ['TOTAL', '', ...t.csv], shown: ['Total', ...t.shown], total: true });
  return {
    id,
    title,
    note: `Spend in ${cur}: ${r.display.basis.note}`,
    columns: [col(title.replace(/^Spend by /, '').replace(/^./, (s) => s.toUpperCase()), dim, 'left', 3), col('', 'name', 'left', 0), col(`Spend ${cur}`, `spend_${cur}`, 'right', 1.3), ...natives.map((c) => col('', `spend_native_${c}`, 'right', 0)), col('Native spend', '', 'right', 2), col('Tokens', 'tokens', 'right', 1.4), col('Requests', 'requests', 'right', 1)],
    rows,
    empty: 'No usage in this month.',
  };
}

function budgetsTable(d: ReviewData): PackTable {
  const value = (v: string, unit: 'money' | 'tokens', cur: string | null) => (unit === 'money' && cur ? formatMoneyText(v, cur) : integer(Number(v)));
  return {
    id: 'budgets',
    title: 'Budgets vs actual',
    note: null,
    columns: [col('Budget', 'budget', 'left', 1.9), col('Scope', 'scope', 'left', 1.8), col('Period', 'period', 'left', 2), col('', 'unit', 'left', 0), col('', 'currency', 'left', 0), col('Budget', 'amount', 'right', 1.3), col('Spent', 'spent', 'right', 1.3), col('Remaining', 'remaining', 'right', 1.3), col('Used', 'used_percent', 'right', 0.8), col('State', 'state', 'left', 0.7), col('Forecast', 'forecast', 'right', 1.3)],
    rows: d.budgets.map((b) => {
      const forecast = b.forecast.status === 'insufficient' ? null : b.forecast.expected;
      return {
        csv: [b.definition.name, b.scopeLabel, b.period.label, b.unit, orEmpty(b.currency), b.amount, b.spent, b.remaining, b.sharePercent.toFixed(2), b.state, orEmpty(forecast)],
        shown: [b.definition.name, b.scopeLabel, b.period.label, value(b.amount, b.unit, b.currency), value(b.spent, b.unit, b.currency), value(b.remaining, b.unit, b.currency), `${b.sharePercent.toFixed(1)} %`, b.state, forecast === null ? '-' : value(forecast, b.unit, b.currency)],
      };
    }),
    empty: 'No budgets are set.',
  };
}

function reconcileTable(d: ReviewData): PackTable {
  const r = d.reconcile;
  const lines = r.lines.filter((l) => l.period === d.month);
  return {
    id: 'reconcile',
    title: 'Reconcile: bills vs estimates',
    note: `${r.verdict.text.replace(/\.$/, '')}. ${r.verdict.sign}`,
    columns: [col('Provider', 'provider', 'left', 1.4), col('', 'currency', 'left', 0), col('Billed', 'billed', 'right', 1.3), col('Estimated', 'estimated', 'right', 1.3), col('Delta', 'delta', 'right', 1.2), col('Delta %', 'delta_percent', 'right', 0.8), col('Verdict', 'within_1_percent', 'left', 1), col('Why', 'explanations', 'left', 4)],
    rows: lines.map((l) => {
      const verdict = l.withinOnePercent === null ? 'one side' : l.withinOnePercent ? 'within 1 %' : 'off';
      const why = l.explanations.map((e) => e.text).join('; ');
      return {
        csv: [l.provider, l.currency, orEmpty(l.billed), orEmpty(l.estimated), orEmpty(l.delta), orEmpty(l.deltaPercent), l.withinOnePercent === null ? '' : String(l.withinOnePercent), why],
        shown: [l.provider, l.billed === null ? '-' : formatMoneyText(l.billed, l.currency), l.estimated === null ? '-' : formatMoneyText(l.estimated, l.currency), l.delta === null ? '-' : formatMoneyText(l.delta, l.currency), l.deltaPercent === null ? '-' : `${l.deltaPercent} %`, verdict, why || '-'],
      };
    }),
    empty: 'No bill or usage to reconcile in this month.',
  };
}

const PRICE_CLASSES = ['input', 'output', 'cache_read'] as const;
/** The classes the PDF prints (the CSV has all of PRICE_CLASSES). */
const SHOWN_CLASSES = ['input', 'output'] as const;

function priceChangesTable(d: ReviewData): PackTable {
  const per = (p: Record<string, string | undefined> | undefined, k: string) => p?.[k] ?? '';
  const shown = (p: Record<string, string | undefined> | undefined, cur: string) =>
    SHOWN_CLASSES.filter((k) => p?.[k] !== undefined).map((k) => `${k} ${formatMoneyText(p![k]!, cur)}`).join(', ') || '-';
  return {
    id: 'price-changes',
    title: 'Price changes in the month',
    note: 'Book prices per million tokens of the models used this month that took effect inside it.',
    columns: [col('Model', 'model', 'left', 1.8), col('Route', 'route', 'left', 0.9), col('', 'currency', 'left', 0), col('From', 'effective_from', 'left', 2.2), ...PRICE_CLASSES.flatMap((k) => [col('', `before_${k}`, 'right', 0), col('', `after_${k}`, 'right', 0)]), col('Before', '', 'left', 2.5), col('After', '', 'left', 2.5), col('Source', 'source', 'left', 1.3)],
    rows: d.priceChanges.map(({ entry: e, before: b }) => ({
      csv: [e.model, e.route, e.currency, e.effectiveFrom, ...PRICE_CLASSES.flatMap((k) => [per(b?.prices, k), per(e.prices, k)]), e.source],
      shown: [e.model, e.route, e.effectiveFrom.replace('T', ' '), shown(b?.prices, e.currency), shown(e.prices, e.currency), e.source],
    })),
    empty: 'No book price of a model used this month changed in it.',
  };
}

/** Tips printed in the pack: the first ones by saving, dismissed ones left out. */
export const TOP_TIPS = 10;

function tipsTable(d: ReviewData): PackTable {
  const tips = d.tips.tips.filter((t) => !t.dismissed).slice(0, TOP_TIPS);
  const currencies = [...new Set(tips.flatMap((t) => Object.keys(t.saving)))].sort();
  const combined = amountsText(d.tips.totalSaving);
  return {
    id: 'tips',
    title: 'Top tips',
    note: `Together (overlaps counted once): ${combined}.`,
    columns: [col('#', 'rank', 'right', 0.4), col('', 'rule', 'left', 0), col('Tip', 'title', 'left', 4), ...currencies.map((c) => col('', `saving_${c}`, 'right', 0)), col('Saving', '', 'right', 1.6), col('Price rise', 'impact', 'right', 1.4), col('', 'summary', 'left', 0)],
    rows: tips.map((t, i) => ({
      csv: [String(i + 1), t.rule, t.title, ...currencies.map((c) => t.saving[c] ?? ''), t.impact ? Object.entries(t.impact).map(([c, v]) => `${v} ${c}`).join('; ') : '', t.summary],
      shown: [String(i + 1), t.title, amountsText(t.saving), t.impact ? amountsText(t.impact) : '-'],
    })),
    empty: 'No tips for this month.',
  };
}

/** Every table of the pack, in print order. */
export function packTables(d: ReviewData): PackTable[] {
  return [...BREAKDOWNS.map((b) => breakdownTable(b.id, b.title, d.breakdowns[b.id])), budgetsTable(d), reconcileTable(d), priceChangesTable(d), tipsTable(d)];
}

/** The columns the PDF prints (a weight of 0 is a CSV-only column). */
export const shownColumns = (t: PackTable): PackColumn[] => t.columns.filter((c) => c.weight > 0);
/** The columns the CSV holds (an empty CSV header is a PDF-only column). */
export const csvColumns = (t: PackTable): PackColumn[] => t.columns.filter((c) => c.csv !== '');
