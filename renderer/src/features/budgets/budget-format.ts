/** A budget's figures in words: amounts in its unit, shares, the forecast sentence. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { formatInteger, formatMoney, formatNumber, getFormatLocale } from '../../ui/format';
import { periodLabel as sharedPeriodLabel, scopeLabel as sharedScopeLabel } from '../../../../shared/i18n/budget-words';
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

/** A period's name in the window's language (the engine's English label, translated). */
export function periodLabel(p: { key: string; label: string }, t: T): string {
  return sharedPeriodLabel(p, t, getFormatLocale());
}

/** "provider openai, project web" / "everything", in the window's language. */
export function scopeLabel(scope: BudgetStatus['definition']['scope'], t: T): string {
  return sharedScopeLabel(scope, t);
}
