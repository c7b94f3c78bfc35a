/** A budget's state at a glance: the state badge and the status bar (Budgets screen and Overview card). */
import type { BudgetStatus, CheckState } from '../../../../shared/contract/api/budgets';
import { formatPercent } from './budget-format';
import './budgets.css';

const STATE_LABEL: Record<CheckState, string> = { ok: 'On track', projected: 'Forecast over', over: 'Over budget' };

export function StateBadge({ state }: { state: CheckState }) {
  return <span className={`state-badge ${state}`}>{STATE_LABEL[state]}</span>;
}

/** Spent share as a bar, the forecast as a hatched extension, thresholds as ticks. */
export function BudgetBar({ status, label }: { status: BudgetStatus; label?: string }) {
  const forecast = status.forecast.status === 'insufficient' ? null : status.forecast.expectedPercent;
  const scale = Math.min(200, Math.max(100, status.sharePercent, forecast ?? 0));
  const pos = (p: number) => `${(Math.min(p, scale) / scale) * 100}%`;
  const name =
    label ??
    `${status.definition.name}: ${formatPercent(status.sharePercent)} of the budget spent` +
      (forecast !== null ? `, forecast ${formatPercent(forecast)} by period end` : '');
  return (
    <div
      className={`budget-bar state-${status.state}`}
      role="progressbar"
      aria-label={name}
      aria-valuemin={0}
      aria-valuemax={Math.round(scale)}
      aria-valuenow={Math.round(Math.min(status.sharePercent, scale))}
      aria-valuetext={name}
    >
      {forecast !== null && forecast > status.sharePercent && (
        <div className="forecast" style={{ left: pos(status.sharePercent), width: `calc(${pos(forecast)} - ${pos(status.sharePercent)})` }} />
      )}
      <div className="fill" style={{ width: pos(status.sharePercent) }} />
      {status.thresholds.map((t) => (
        <div key={t.percent} className={`tick${t.percent === 100 ? ' full' : ''}`} style={{ left: pos(t.percent) }} aria-hidden="true" />
      ))}
    </div>
  );
}
