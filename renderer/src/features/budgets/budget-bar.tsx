/** A budget's state at a glance: the state badge and the status bar (Budgets screen and Overview card). */
import type { BudgetStatus, CheckState } from '../../../../shared/contract/api/budgets';
import { formatPercent } from './budget-format';
import './budgets.css';
import { useT } from '../../ui/i18n';
import type { MessageId } from '../../../../shared/i18n';

const STATE_LABEL: Record<CheckState, MessageId> = { ok: 'budgets.state.ok', projected: 'budgets.state.projected', over: 'budgets.state.over' };

export function StateBadge({ state }: { state: CheckState }) {
  const t = useT();
  return <span className={`state-badge ${state}`}>{t(STATE_LABEL[state])}</span>;
}

/** Spent share as a bar, the forecast as a hatched extension, thresholds as ticks. */
export function BudgetBar({ status, label }: { status: BudgetStatus; label?: string }) {
  const t = useT();
  const forecast = status.forecast.status === 'insufficient' ? null : status.forecast.expectedPercent;
  const scale = Math.min(200, Math.max(100, status.sharePercent, forecast ?? 0));
  const pos = (p: number) => `${(Math.min(p, scale) / scale) * 100}%`;
  const name =
    label ??
    (forecast !== null
      ? t('budgets.bar.labelForecast', { name: status.definition.name, share: formatPercent(status.sharePercent), forecast: formatPercent(forecast) })
      : t('budgets.bar.label', { name: status.definition.name, share: formatPercent(status.sharePercent) }));
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
      {status.thresholds.map((x) => (
        <div key={x.percent} className={`tick${x.percent === 100 ? ' full' : ''}`} style={{ left: pos(x.percent) }} aria-hidden="true" />
      ))}
    </div>
  );
}
