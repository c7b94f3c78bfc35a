/**
 * Tips: efficiency tips for a month sorted by saving, each expandable to its evidence (the facts, the
 * prices used, the arithmetic) and dismissible per month; the combined saving with overlaps counted
 * once; and the token-efficiency KPI panel.
 */
import { useState } from 'react';
import type { TipsReport } from '../../../../shared/contract/api/tips';
import { navigate } from '../../client/route';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { KpiPanel } from './kpi-panel';
import { Money } from './money';
import { TipCard } from './tip-card';
import './tips.css';

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
