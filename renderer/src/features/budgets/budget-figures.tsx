/** A budget period's figures: the bar, spent and remaining, the forecast, and what is left out and why. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { BudgetBar } from './budget-bar';
import { forecastSentence, formatBudgetValue, formatPercent } from './budget-format';
import { useT, useTRich } from '../../ui/i18n';

export function Figures({ s }: { s: BudgetStatus }) {
  const t = useT();
  const tRich = useTRich();
  return (
    <>
      <BudgetBar status={s} />
      <div className="budget-figures">
        <span>
          {tRich('budgets.fig.spent', {
            spent: <strong data-testid="budget-spent">{formatBudgetValue(s, s.spent, t)}</strong>,
            amount: formatBudgetValue(s, s.amount, t),
            share: formatPercent(s.sharePercent),
          })}
        </span>
        <span>
          {t(Number(s.remaining) >= 0 ? 'budgets.fig.remaining' : 'budgets.fig.overBy', { amount: formatBudgetValue(s, s.remaining.replace(/^-/, ''), t) })}
        </span>
        {s.rolledOver !== '0' && !/^0(\.0+)?$/.test(s.rolledOver) && <span>{t('budgets.fig.rolledOver', { amount: formatBudgetValue(s, s.rolledOver, t) })}</span>}
      </div>
      <p className="muted">{forecastSentence(s, t)}</p>
      {s.forecast.status !== 'insufficient' && s.forecast.notes.map((n) => <p key={n} className="muted">{n}</p>)}
      {s.unpriced.facts > 0 && (
        <p className="banner warn" role="status">
          {t('budgets.fig.unpriced', { tokens: s.unpriced.tokens, models: s.unpriced.models.join(', ') })}
        </p>
      )}
      {s.fx.length > 0 && (
        <p className="muted">
          {t('budgets.fig.convertedAt', { rates: s.fx.map((r) => (r.rateDate ? t('budgets.fig.rateOf', { from: r.from, rate: r.rate, to: r.to, date: r.rateDate }) : `1 ${r.from} = ${r.rate} ${r.to}`)).join('; ') })}
        </p>
      )}
      {s.fxMissing.length > 0 && (
        <p className="banner warn" role="status">
          {t('budgets.fig.fxMissing', { from: s.fxMissing.join(', '), to: s.currency })}
        </p>
      )}
    </>
  );
}
