/**
 * Tips (issue 7): efficiency tips for a month sorted by saving, each expandable to its evidence (the facts,
 * the prices used, the arithmetic) and dismissible per month; the combined saving with overlaps counted
 * once; and the token-efficiency KPI panel.
 */
import { useId, useState } from 'react';
import type { Tip, TipsReport } from '../../../shared/contract/api/tips';
import { useApp, navigate } from '../store';
import { useApiData } from '../use-api';
import { formatAmounts, formatInteger } from '../format';
import { KpiPanel } from '../components/kpi-panel';
import './tips.css';

function Money({ amounts, testId }: { amounts: Record<string, string>; testId?: string }) {
  const list = formatAmounts(amounts);
  return (
    <span className="money" data-testid={testId}>
      {list.length ? list.join(' + ') : '—'}
    </span>
  );
}

function Evidence({ tip, id }: { tip: Tip; id: string }) {
  const e = tip.evidence;
  return (
    <div className="tip-evidence" id={id}>
      <h4>Arithmetic</h4>
      <ul className="arithmetic">
        {e.arithmetic.map((a, i) => (
          <li key={i}>{a}</li>
        ))}
      </ul>
      {e.prices.length > 0 && (
        <>
          <h4>Prices used (per 1M tokens)</h4>
          <table className="numbers compact">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Route</th>
                <th scope="col">From</th>
                <th scope="col">Prices</th>
                <th scope="col">Applied</th>
              </tr>
            </thead>
            <tbody>
              {e.prices.map((p, i) => (
                <tr key={i}>
                  <td>{p.model}</td>
                  <td>{p.route}</td>
                  <td>{p.effectiveFrom.slice(0, 16)}</td>
                  <td className="text">
                    {Object.entries(p.prices)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')}{' '}
                    {p.currency}
                  </td>
                  <td className="text">{p.applied.join(', ') || 'standard'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {e.aggregates.length > 0 && (
        <>
          <h4>Usage behind it</h4>
          <ul className="aggregates">
            {e.aggregates.map((a) => (
              <li key={a.key}>
                <span className="agg-label">{a.label}</span>:{' '}
                {Object.entries(a.values)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {e.factCount > 0 && (
        <p className="facts" data-testid="tip-facts">
          {formatInteger(e.factCount)} ledger rows: {e.factIds.slice(0, 30).map((id) => `#${id}`).join(', ')}
          {e.factIds.length > 30 ? ', …' : ''}
        </p>
      )}
      <h4>Assumptions</h4>
      <ul>
        {tip.assumptions.map((a, i) => (
          <li key={i}>{a}</li>
        ))}
      </ul>
    </div>
  );
}

function TipCard({ tip, period, onChanged }: { tip: Tip; period: string; onChanged: () => void }) {
  const client = useApp((s) => s.client);
  const evidenceId = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const hasSaving = Object.keys(tip.saving).length > 0;
  const combinedDiffers = hasSaving && JSON.stringify(tip.saving) !== JSON.stringify(tip.combinedSaving);
  async function toggleDismiss() {
    if (!client) return;
    setBusy(true);
    try {
      await client.call('tips.dismiss', { period, tipId: tip.id, dismissed: !tip.dismissed });
      onChanged();
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className={`tip${tip.dismissed ? ' dismissed' : ''}`} data-testid="tip" data-rule={tip.rule} data-tip-id={tip.id}>
      <div className="tip-head">
        <div>
          <span className="rule-badge">{tip.ruleTitle}</span>
          <h3>{tip.title}</h3>
          <p className="muted">{tip.summary}</p>
        </div>
        <div className="tip-money">
          {hasSaving ? (
            <>
              <span className="muted small">saves</span>
              <Money amounts={tip.saving} testId="tip-saving" />
              {combinedDiffers && !tip.dismissed && (
                <span className="muted small" data-testid="tip-combined">
                  <Money amounts={tip.combinedSaving} /> with the tips above it
                </span>
              )}
            </>
          ) : tip.impact ? (
            <>
              <span className="muted small">costs you</span>
              <Money amounts={tip.impact} testId="tip-impact" />
            </>
          ) : null}
        </div>
      </div>
      <div className="tip-actions">
        <button type="button" aria-expanded={open} aria-controls={open ? evidenceId : undefined} onClick={() => setOpen(!open)}>
          {open ? 'Hide evidence' : 'Show evidence'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={toggleDismiss}>
          {tip.dismissed ? 'Restore' : 'Dismiss'}
        </button>
      </div>
      {open && <Evidence tip={tip} id={evidenceId} />}
    </li>
  );
}

export function TipsScreen() {
  const params = useApp((s) => s.route.params);
  const asked = params.get('period') ?? undefined;
  const [bump, setBump] = useState(0);
  const data = useApiData<TipsReport>((c) => c.call('tips.list', asked ? { period: asked } : {}), [asked, bump]);
  const r = data.value;
  const active = r?.tips.filter((t) => !t.dismissed) ?? [];
  const dismissed = r?.tips.filter((t) => t.dismissed) ?? [];
  return (
    <section aria-labelledby="screen-title" className="tips-screen">
      <div className="screen-head">
        <h1 id="screen-title">Tips</h1>
        {r && r.periods.length > 0 && (
          <label>
            Month{' '}
            <select value={r.period} onChange={(e) => navigate('tips', { period: e.target.value })}>
              {[...new Set([r.period, ...r.periods])].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {data.state === 'error' && <p role="alert">Could not compute tips: {data.error.message}</p>}
      {!r && data.state === 'loading' && <p aria-live="polite">Computing tips…</p>}
      {r && (
        <>
          <article className="card tips-total" aria-labelledby="total-title">
            <h2 id="total-title">Possible saving in {r.period}</h2>
            <p className="figure">
              <Money amounts={r.totalSaving} testId="tips-total" />
            </p>
            <p className="muted small">
              {active.length} tips from {r.rulesFired.length} rules. Stand-alone savings add up to <Money amounts={r.standaloneSum} testId="tips-standalone" />;
              where tips act on the same spend it is counted once. {r.overlapPolicy}
            </p>
          </article>
          {r.tips.length === 0 ? (
            <div className="empty">
              <p>No tips for {r.period}: nothing in this month's usage matches a rule.</p>
            </div>
          ) : (
            <ol className="tip-list" aria-label="Tips, largest saving first">
              {active.map((t) => (
                <TipCard key={t.id} tip={t} period={r.period} onChanged={() => setBump(bump + 1)} />
              ))}
            </ol>
          )}
          {dismissed.length > 0 && (
            <details className="dismissed-list">
              <summary>{dismissed.length} dismissed for {r.period}</summary>
              <ol className="tip-list">
                {dismissed.map((t) => (
                  <TipCard key={t.id} tip={t} period={r.period} onChanged={() => setBump(bump + 1)} />
                ))}
              </ol>
            </details>
          )}
          <KpiPanel period={r.period} />
        </>
      )}
    </section>
  );
}
