/**
 * The pack's tables, each once: every cell as the CSV states it (exact decimal strings, ids) and as the
 * PDF shows it in the reader's language (money formatted as the window formats it, names beside ids). The
 * CSV (exact values, English column ids) and the PDF print the same rows.
 */
import type { ReportExplore, ViewGroup } from '../../../shared/contract/api/report';
import type { NamedDimension } from '../../../shared/contract/api/names';
import { tokenTotal } from '../../../shared/domain/aggregate';
import { periodLabel, scopeLabel } from '../../../shared/i18n/budget-words';
import { BREAKDOWNS, type BreakdownId, type ReviewData } from './gather';
import type { PackWords } from './words';

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

const orEmpty = (v: string | null | undefined): string => v ?? '';

/** Native currencies of a view, in a stable order, for one CSV column each. */
function currenciesOf(r: ReportExplore): string[] {
  return [...new Set([...Object.keys(r.totals.spend), ...r.rows.flatMap((g) => Object.keys(g.spend))])].sort();
}

const COLUMN_TITLES = { vendor: 'review.col.vendor', region: 'review.col.region', project: 'review.col.project', member: 'review.col.member' } as const;

function breakdownTable(id: BreakdownId, r: ReportExplore, w: PackWords): PackTable {
  const { money, amounts, integer } = w;
  const title = w.t(`review.t.${id}`);
  const cur = r.display.currency;
  const dim = r.groupBy[0]!;
  const natives = currenciesOf(r);
  const names = r.names[dim as NamedDimension] ?? {};
  const figures = (g: Pick<ViewGroup, 'spendDisplay' | 'spend' | 'tokens' | 'requests'>) => ({
    csv: [orEmpty(g.spendDisplay), ...natives.map((c) => g.spend[c] ?? ''), String(tokenTotal(g.tokens)), String(g.requests)],
    shown: [money(g.spendDisplay, cur), amounts(g.spend), integer(tokenTotal(g.tokens)), integer(g.requests)],
  });
  const rows: PackRow[] = r.rows.map((g) => {
    const key = g.keys[0] ?? null;
    const name = key === null ? undefined : names[key];
    // Ids that share a name are one row: it says how many; one id shows beside its name.
    const ids = key === null ? [] : (r.ids[dim as NamedDimension]?.[key] ?? [key]);
    const f = figures(g);
    return { csv: [orEmpty(key), name ?? '', ...f.csv], shown: [key === null ? w.t('review.notStated') : !name ? key : ids.length > 1 ? w.t('review.nameIds', { name, count: ids.length }) : `${name} (${ids[0]})`, ...f.shown] };
  });
  const t = figures(r.totals);
  rows.push({ csv: ['TOTAL', '', ...t.csv], shown: [w.t('review.total'), ...t.shown], total: true });
  return {
    id,
    title,
    note: w.t('review.spendIn', { currency: cur, note: w.say(r.display.basis.said) }),
    columns: [
      col(w.t(COLUMN_TITLES[id]), dim, 'left', 3),
      col('', 'name', 'left', 0),
      col(w.t('review.col.spend', { currency: cur }), `spend_${cur}`, 'right', 1.3),
      ...natives.map((c) => col('', `spend_native_${c}`, 'right', 0)),
      col(w.t('review.col.native'), '', 'right', 2),
      col(w.t('review.col.tokens'), 'tokens', 'right', 1.4),
      col(w.t('review.col.requests'), 'requests', 'right', 1),
    ],
    rows,
    empty: w.t('review.empty.usage'),
  };
}

function budgetsTable(d: ReviewData, w: PackWords): PackTable {
  const value = (v: string, unit: 'money' | 'tokens', cur: string | null) => (unit === 'money' && cur ? w.money(v, cur) : w.integer(Number(v)));
  const c = (key: 'budget' | 'scope' | 'period' | 'amount' | 'spent' | 'remaining' | 'used' | 'state' | 'forecast') => w.t(`review.budgets.${key}`);
  return {
    id: 'budgets',
    title: w.t('review.budgets.title'),
    note: null,
    columns: [
      col(c('budget'), 'budget', 'left', 1.9),
      col(c('scope'), 'scope', 'left', 1.8),
      col(c('period'), 'period', 'left', 2),
      col('', 'unit', 'left', 0),
      col('', 'currency', 'left', 0),
      col(c('amount'), 'amount', 'right', 1.3),
      col(c('spent'), 'spent', 'right', 1.3),
      col(c('remaining'), 'remaining', 'right', 1.3),
      col(c('used'), 'used_percent', 'right', 0.8),
      col(c('state'), 'state', 'left', 0.7),
      col(c('forecast'), 'forecast', 'right', 1.3),
    ],
    rows: d.budgets.map((b) => {
      const forecast = b.forecast.status === 'insufficient' ? null : b.forecast.expected;
      return {
        csv: [b.definition.name, b.scopeLabel, b.period.label, b.unit, orEmpty(b.currency), b.amount, b.spent, b.remaining, b.sharePercent.toFixed(2), b.state, orEmpty(forecast)],
        shown: [
          b.definition.name,
          scopeLabel(b.definition.scope, w.t),
          periodLabel(b.period, w.t, w.locale),
          value(b.amount, b.unit, b.currency),
          value(b.spent, b.unit, b.currency),
          value(b.remaining, b.unit, b.currency),
          `${b.sharePercent.toFixed(1)} %`,
          w.t('review.budgets.stateValue', { state: b.state }),
          forecast === null ? '-' : value(forecast, b.unit, b.currency),
        ],
      };
    }),
    empty: w.t('review.budgets.empty'),
  };
}

function reconcileTable(d: ReviewData, w: PackWords): PackTable {
  const r = d.reconcile;
  const lines = r.lines.filter((l) => l.period === d.month);
  const c = (key: 'provider' | 'billed' | 'estimated' | 'delta' | 'deltaPercent' | 'verdict' | 'why') => w.t(`review.reconcile.${key}`);
  const cash = (v: string | null, cur: string) => (v === null ? '-' : w.money(v, cur));
  return {
    id: 'reconcile',
    title: w.t('review.reconcile.title'),
    note: w.t('review.reconcile.note', { verdict: w.say(r.verdict.said).replace(/[.。]$/, ''), sign: w.say(r.verdict.signSaid) }),
    columns: [
      col(c('provider'), 'provider', 'left', 1.4),
      col('', 'currency', 'left', 0),
      col(c('billed'), 'billed', 'right', 1.3),
      col(c('estimated'), 'estimated', 'right', 1.3),
      col(c('delta'), 'delta', 'right', 1.2),
      col(c('deltaPercent'), 'delta_percent', 'right', 0.8),
      col(c('verdict'), 'within_1_percent', 'left', 1),
      col(c('why'), 'explanations', 'left', 4),
    ],
    rows: lines.map((l) => {
      const verdict = w.t('review.reconcile.verdictValue', { within: l.withinOnePercent === null ? 'none' : l.withinOnePercent ? 'yes' : 'no' });
      const why = l.explanations.map((e) => e.text).join('; ');
      const shownWhy = w.list(l.explanations.map((e) => w.say(e.said)));
      return {
        csv: [l.provider, l.currency, orEmpty(l.billed), orEmpty(l.estimated), orEmpty(l.delta), orEmpty(l.deltaPercent), l.withinOnePercent === null ? '' : String(l.withinOnePercent), why],
        shown: [l.provider, cash(l.billed, l.currency), cash(l.estimated, l.currency), cash(l.delta, l.currency), l.deltaPercent === null ? '-' : `${l.deltaPercent} %`, verdict, shownWhy || '-'],
      };
    }),
    empty: w.t('review.reconcile.empty'),
  };
}

const PRICE_CLASSES = ['input', 'output', 'cache_read'] as const;
/** The classes the PDF prints (the CSV has all of PRICE_CLASSES). */
const SHOWN_CLASSES = ['input', 'output'] as const;

function priceChangesTable(d: ReviewData, w: PackWords): PackTable {
  const per = (p: Record<string, string | undefined> | undefined, k: string) => p?.[k] ?? '';
  const shown = (p: Record<string, string | undefined> | undefined, cur: string) =>
    SHOWN_CLASSES.filter((k) => p?.[k] !== undefined)
      .map((k) => w.t('review.prices.class', { cls: k, price: w.money(p![k]!, cur) }))
      .join(w.locale === 'zh-CN' ? '，' : ', ') || '-';
  const c = (key: 'model' | 'route' | 'from' | 'before' | 'after' | 'source') => w.t(`review.prices.${key}`);
  return {
    id: 'price-changes',
    title: w.t('review.prices.title'),
    note: w.t('review.prices.note'),
    columns: [
      col(c('model'), 'model', 'left', 1.8),
      col(c('route'), 'route', 'left', 0.9),
      col('', 'currency', 'left', 0),
      col(c('from'), 'effective_from', 'left', 2.2),
      ...PRICE_CLASSES.flatMap((k) => [col('', `before_${k}`, 'right', 0), col('', `after_${k}`, 'right', 0)]),
      col(c('before'), '', 'left', 2.5),
      col(c('after'), '', 'left', 2.5),
      col(c('source'), 'source', 'left', 1.3),
    ],
    rows: d.priceChanges.map(({ entry: e, before: b }) => ({
      csv: [e.model, e.route, e.currency, e.effectiveFrom, ...PRICE_CLASSES.flatMap((k) => [per(b?.prices, k), per(e.prices, k)]), e.source],
      shown: [e.model, e.route, e.effectiveFrom.replace('T', ' '), shown(b?.prices, e.currency), shown(e.prices, e.currency), e.source],
    })),
    empty: w.t('review.prices.empty'),
  };
}

/** Tips printed in the pack: the first ones by saving, dismissed ones left out. */
export const TOP_TIPS = 10;

function tipsTable(d: ReviewData, w: PackWords): PackTable {
  const tips = d.tips.tips.filter((t) => !t.dismissed).slice(0, TOP_TIPS);
  const currencies = [...new Set(tips.flatMap((t) => Object.keys(t.saving)))].sort();
  return {
    id: 'tips',
    title: w.t('review.tips.title'),
    note: w.t('review.tips.note', { combined: w.amounts(d.tips.totalSaving) }),
    columns: [
      col('#', 'rank', 'right', 0.4),
      col('', 'rule', 'left', 0),
      col(w.t('review.tips.tip'), 'title', 'left', 4),
      ...currencies.map((c) => col('', `saving_${c}`, 'right', 0)),
      col(w.t('review.tips.saving'), '', 'right', 1.6),
      col(w.t('review.tips.impact'), 'impact', 'right', 1.4),
      col('', 'summary', 'left', 0),
    ],
    rows: tips.map((t, i) => ({
      csv: [String(i + 1), t.rule, t.title, ...currencies.map((c) => t.saving[c] ?? ''), t.impact ? Object.entries(t.impact).map(([c, v]) => `${v} ${c}`).join('; ') : '', t.summary],
      shown: [String(i + 1), w.say(t.said.title), w.amounts(t.saving), t.impact ? w.amounts(t.impact) : '-'],
    })),
    empty: w.t('review.tips.empty'),
  };
}

/** Every table of the pack, in print order. */
export function packTables(d: ReviewData, w: PackWords): PackTable[] {
  return [...BREAKDOWNS.map((b) => breakdownTable(b.id, d.breakdowns[b.id], w)), budgetsTable(d, w), reconcileTable(d, w), priceChangesTable(d, w), tipsTable(d, w)];
}

/** The columns the PDF prints (a weight of 0 is a CSV-only column). */
export const shownColumns = (t: PackTable): PackColumn[] => t.columns.filter((c) => c.weight > 0);
/** The columns the CSV holds (an empty CSV header is a PDF-only column). */
export const csvColumns = (t: PackTable): PackColumn[] => t.columns.filter((c) => c.csv !== '');
