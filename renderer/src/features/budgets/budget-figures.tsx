/** A budget period's figures: the bar, spent and remaining, the forecast, and what is left out and why. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { formatInteger } from '../../ui/format';
import { BudgetBar } from './budget-bar';
import { forecastSentence, formatBudgetValue, formatPercent } from './budget-format';

export function Figures({ s }: { s: BudgetStatus }) {
  return (
    <>
      <BudgetBar status={s} />
      <div className="budget-figures">
        <span>
          Spent <strong data-testid="budget-spent">{formatBudgetValue(s, s.spent)}</strong> of {formatBudgetValue(s, s.amount)} (
          {formatPercent(s.sharePercent)})
        </span>
        <span>
          {Number(s.remaining) >= 0 ? 'Remaining' : 'Over by'} {formatBudgetValue(s, s.remaining.replace(/^-/, ''))}
        </span>
        {s.rolledOver !== '0' && !/^0(\.0+)?$/.test(s.rolledOver) && <span>incl. {formatBudgetValue(s, s.rolledOver)} rolled over</span>}
      </div>
      <p className="muted">{forecastSentence(s)}</p>
      {s.forecast.status !== 'insufficient' && s.forecast.notes.map((n) => <p key={n} className="muted">{n}</p>)}
      {s.unpriced.facts > 0 && (
        <p className="banner warn" role="status">
          {formatInteger(s.unpriced.tokens)} tokens in scope have no price ({s.unpriced.models.join(', ')}): not counted in spent.
        </p>
      )}
      {s.fx.length > 0 && (
        <p className="muted">
          Converted at {s.fx.map((r) => `1 ${r.from} = ${r.rate} ${r.to}${r.rateDate ? ` (rate of ${r.rateDate})` : ''}`).join('; ')}.
        </p>
      )}
      {s.fxMissing.length > 0 && (
        <p className="banner warn" role="status">
          No FX rate from {s.fxMissing.join(', ')} to {s.currency}: that spend is left out.
        </p>
      )}
    </>
  );
}
