/** A budget's figures in words: amounts in its unit, shares, the forecast sentence. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { formatInteger, formatMoney } from '../../ui/format';

export function formatBudgetValue(s: Pick<BudgetStatus, 'unit' | 'currency' | 'tokenClass'>, v: string): string {
  if (s.unit === 'money') return formatMoney(v, s.currency ?? 'USD');
  const n = formatInteger(Number(v));
  return `${n} ${s.tokenClass && s.tokenClass !== 'total' ? `${s.tokenClass.replace(/_/g, ' ')} ` : ''}tokens`;
}

export function formatPercent(p: number): string {
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: p < 10 ? 1 : 0 }).format(p)} %`;
}

export function forecastSentence(s: BudgetStatus): string {
  const f = s.forecast;
  if (f.status === 'insufficient') return f.reason;
  if (f.status === 'complete') return `Period closed at ${formatBudgetValue(s, f.expected)}.`;
  const range = `${formatBudgetValue(s, f.low)} – ${formatBudgetValue(s, f.high)}`;
  const over = f.overrunDay ? ` Over budget from ${f.overrunDay}.` : '';
  return `Forecast ${formatBudgetValue(s, f.expected)} by ${s.period.lastDay} (range ${range}${f.thin ? ', few days of data' : ''}).${over}`;
}
