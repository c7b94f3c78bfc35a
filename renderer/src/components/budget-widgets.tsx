/**
 * Budget pieces shared by the Budgets screen, the Overview and the shell: the status bar, state badge,
 * figure formatting, the Overview's BudgetCards and the nav's AlertsBadge (issue 6).
 */
import { useEffect, useState } from 'react';
import type { BudgetStatus, CheckState } from '../../../shared/contract/api/budgets';
import { useApp } from '../store';
import { useApiData } from '../use-api';
import { formatInteger, formatMoney } from '../format';
import './budgets.css';

export function formatBudgetValue(s: Pick<BudgetStatus, 'unit' | 'currency' | 'tokenClass'>, v: string): string {
  if (s.unit === 'money') return formatMoney(v, s.currency ?? 'USD');
  const n = formatInteger(Number(v));
  return `${n} ${s.tokenClass && s.tokenClass !== 'total' ? `${s.tokenClass.replace(/_/g, ' ')} ` : ''}tokens`;
}

export function formatPercent(p: number): string {
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: p < 10 ? 1 : 0 }).format(p)} %`;
}

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

export function forecastSentence(s: BudgetStatus): string {
  const f = s.forecast;
  if (f.status === 'insufficient') return f.reason;
  if (f.status === 'complete') return `Period closed at ${formatBudgetValue(s, f.expected)}.`;
  const range = `${formatBudgetValue(s, f.low)} – ${formatBudgetValue(s, f.high)}`;
  const over = f.overrunDay ? ` Over budget from ${f.overrunDay}.` : '';
  return `Forecast ${formatBudgetValue(s, f.expected)} by ${s.period.lastDay} (range ${range}${f.thin ? ', few days of data' : ''}).${over}`;
}

/** The Overview's card: every budget's current period at a glance. */
export function BudgetCards() {
  const data = useApiData((c) => c.call('budgets.list', {}), []);
  const budgets = data.value;
  return (
    <article className="card budget-cards" aria-labelledby="budget-cards-title" data-testid="budget-cards">
      <h2 id="budget-cards-title">Budgets</h2>
      {!budgets ? (
        <p className="muted">{data.state === 'error' ? 'Budgets are unavailable.' : 'Loading…'}</p>
      ) : budgets.length === 0 ? (
        <p className="muted">
          No budgets yet. <a href="#/budgets?new=1">Set one</a> to be warned before it is blown.
        </p>
      ) : (
        <ul className="budget-cards-list">
          {budgets.slice(0, 5).map((s) => (
            <li key={s.id}>
              <a href={`#/budgets?id=${s.id}`}>{s.definition.name}</a> <StateBadge state={s.state} />
              <BudgetBar status={s} />
              <span className="muted">
                {formatBudgetValue(s, s.spent)} of {formatBudgetValue(s, s.amount)} · {s.period.label}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/**
 * The nav's unread-alerts badge. Evaluates budgets once when the window opens (alerts from imports the
 * CLI made meanwhile), follows 'alerts.changed', and obeys 'ui.navigate' (a clicked notification).
 */
export function AlertsBadge() {
  const client = useApp((s) => s.client);
  const revision = useApp((s) => s.revision);
  const [active, setActive] = useState<number | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    const offAlerts = client.on('alerts.changed', (p) => setActive(p.active));
    const offNav = client.on('ui.navigate', ({ hash }) => {
      window.location.hash = hash;
    });
    void client.call('budgets.evaluate', {}).then(
      (r) => live && setActive(r.active),
      () => undefined,
    );
    return () => {
      live = false;
      offAlerts();
      offNav();
    };
  }, [client]);
  useEffect(() => {
    if (!client || revision === 0) return;
    let live = true;
    void client.call('alerts.list', { limit: 1 }).then(
      (r) => live && setActive(r.active),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, revision]);
  if (!active) return null;
  return (
    <span className="nav-badge" data-testid="alerts-badge" aria-label={`${active} unread budget alert${active === 1 ? '' : 's'}`} role="status">
      {active}
    </span>
  );
}
