/** A budget's figures in words: amounts in its unit, shares, the forecast sentence. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { formatInteger, formatMoney, formatMonth, formatNumber } from '../../ui/format';
import type { MessageId } from '../../../../shared/i18n';
import type { T } from '../../ui/i18n';

export function formatBudgetValue(s: Pick<BudgetStatus, 'unit' | 'currency' | 'tokenClass'>, v: string, t: T): string {
  if (s.unit === 'money') return formatMoney(v, s.currency ?? 'USD');
  const n = formatInteger(Number(v));
  return s.tokenClass && s.tokenClass !== 'total' ? t('budgets.classTokens', { n, cls: s.tokenClass.replace(/_/g, ' ') }) : t('budgets.tokens', { n });
}

/** "80 %" (a budget's share of its amount, p in percent). */
export function formatPercent(p: number): string {
  return `${formatNumber(p, p < 10 ? 1 : 0)} %`;
}

export function forecastSentence(s: BudgetStatus, t: T): string {
  const f = s.forecast;
  if (f.status === 'insufficient') return f.reason;
  if (f.status === 'complete') return t('budgets.forecast.closed', { amount: formatBudgetValue(s, f.expected, t) });
  const sentence = t('budgets.forecast.sentence', {
    amount: formatBudgetValue(s, f.expected, t),
    day: s.period.lastDay,
    low: formatBudgetValue(s, f.low, t),
    high: formatBudgetValue(s, f.high, t),
    thin: f.thin ? 'yes' : 'no',
  });
  return f.overrunDay ? `${sentence} ${t('budgets.forecast.overFrom', { day: f.overrunDay })}` : sentence;
}

/**
 * A period's name in the window's language, from its key ('2025-03', '2025-Q1', 'W2025-03-03',
 * 'C2025-03-01..2025-03-20'); the engine's English label for a key of another shape.
 */
export function periodLabel(p: { key: string; label: string }, t: T): string {
  const k = p.key;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2})$/.exec(k))) return formatMonth(m[1]!);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(k))) return t('budgets.period.quarter', { q: m[2], year: m[1] });
  if ((m = /^W(\d{4}-\d{2}-\d{2})$/.exec(k))) return t('budgets.period.week', { day: m[1] });
  if ((m = /^C(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(k))) return `${m[1]} – ${m[2]}`;
  return p.label;
}

const SCOPE_WORDS: Record<keyof BudgetStatus['definition']['scope'], MessageId> = {
  providers: 'budgets.scopeWord.provider',
  vendors: 'budgets.scopeWord.vendor',
  regions: 'budgets.scopeWord.region',
  models: 'budgets.scopeWord.model',
  projects: 'budgets.scopeWord.project',
  apiKeys: 'budgets.scopeWord.key',
  members: 'budgets.scopeWord.member',
  machines: 'budgets.scopeWord.machine',
  tags: 'budgets.scopeWord.tag',
};

/** "provider openai, project web" / "everything", in the window's language (the engine's describeScope, translated). */
export function scopeLabel(scope: BudgetStatus['definition']['scope'], t: T): string {
  const parts = (Object.keys(SCOPE_WORDS) as (keyof typeof SCOPE_WORDS)[])
    .filter((f) => scope[f].length > 0)
    .map((f) => t('budgets.scopePart', { field: t(SCOPE_WORDS[f]), values: scope[f].join(t('budgets.scopeOr')) }));
  return parts.length ? parts.join(t('budgets.scopeSep')) : t('budgets.scopeAll');
}
