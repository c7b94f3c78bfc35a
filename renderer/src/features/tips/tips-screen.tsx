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
import { useT, useTRich } from '../../ui/i18n';
import { formatMonth } from '../../ui/format';

export function TipsScreen() {
  const params = useApp((s) => s.route.params);
  const asked = params.get('period') ?? undefined;
  const [bump, setBump] = useState(0);
  const t = useT();
  const tRich = useTRich();
  const data = useApiData<TipsReport>((c) => c.call('tips.list', asked ? { period: asked } : {}), [asked, bump]);
  const r = data.value;
  const active = r?.tips.filter((x) => !x.dismissed) ?? [];
  const dismissed = r?.tips.filter((x) => x.dismissed) ?? [];
  return (
    <section aria-labelledby="screen-title" className="tips-screen">
      <div className="screen-head">
        <h1 id="screen-title">{t('app.screen.tips')}</h1>
        {r && r.periods.length > 0 && (
          <label>
            {t('tips.month')}{' '}
            <select value={r.period} onChange={(e) => navigate('tips', { period: e.target.value })}>
              {[...new Set([r.period, ...r.periods])].map((p) => (
                <option key={p} value={p}>
                  {formatMonth(p)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {data.state === 'error' && <p role="alert">{t('tips.error', { message: data.error.message })}</p>}
      {!r && data.state === 'loading' && <p aria-live="polite" aria-busy="true">
          {t('tips.computing')}
        </p>}
      {r && (
        <>
          <article className="card tips-total" aria-labelledby="total-title">
            <h2 id="total-title">{t('tips.possibleSaving', { period: formatMonth(r.period) })}</h2>
            <p className="figure">
              <Money amounts={r.totalSaving} testId="tips-total" />
            </p>
            <p className="muted small">
              {tRich('tips.summary', { tips: active.length, rules: r.rulesFired.length, sum: <Money amounts={r.standaloneSum} testId="tips-standalone" /> })} {t('engine.tips.overlap')}
            </p>
          </article>
          {r.tips.length === 0 ? (
            <div className="empty">
              <p>{t('tips.none', { period: formatMonth(r.period) })}</p>
            </div>
          ) : (
            <ol className="tip-list" aria-label={t('tips.listLabel')}>
              {active.map((x) => (
                <TipCard key={x.id} tip={x} period={r.period} onChanged={() => setBump(bump + 1)} />
              ))}
            </ol>
          )}
          {dismissed.length > 0 && (
            <details className="dismissed-list">
              <summary>{t('tips.dismissedFor', { count: dismissed.length, period: formatMonth(r.period) })}</summary>
              <ol className="tip-list">
                {dismissed.map((x) => (
                  <TipCard key={x.id} tip={x} period={r.period} onChanged={() => setBump(bump + 1)} />
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
