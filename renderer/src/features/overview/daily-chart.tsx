/** Daily spend of the month, stacked by vendor or by origin region. */
import { useState } from 'react';
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatMoney } from '../../ui/format';
import { StackedBars } from '../../ui/chart';
import { useT } from '../../ui/i18n';

export function DailyChart({ o }: { o: ReportOverview }) {
  const [by, setBy] = useState<'vendor' | 'region'>('vendor');
  const t = useT();
  const cur = o.display.currency;
  const series = new Set<string>();
  const data = o.daily.map((d) => {
    const src = by === 'vendor' ? d.byVendor : d.byRegion;
    const row: { x: string; [k: string]: string | number } = { x: d.day.slice(5) };
    for (const [k, v] of Object.entries(src)) {
      series.add(k);
      row[k] = Number(v);
    }
    return row;
  });
  return (
    <article className="card wide daily" aria-labelledby="daily-title">
      <h2 id="daily-title">{t('overview.daily.title', { by })}</h2>
      <div className="segmented" role="group" aria-label={t('overview.daily.stackBy')}>
        <button type="button" aria-pressed={by === 'vendor'} onClick={() => setBy('vendor')}>
          {t('overview.daily.vendor')}
        </button>
        <button type="button" aria-pressed={by === 'region'} onClick={() => setBy('region')}>
          {t('overview.daily.region')}
        </button>
      </div>
      <StackedBars data={data} series={[...series].sort()} label={t('overview.daily.label', { cur, by })} format={(v) => formatMoney(String(v), cur)} />
    </article>
  );
}
