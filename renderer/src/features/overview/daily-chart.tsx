/** Daily spend of the month, stacked by vendor or by origin region. */
import { useCallback, useMemo, useState } from 'react';
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatMoney } from '../../ui/format';
import { StackedBars } from '../../ui/chart';
import { useT } from '../../ui/i18n';

export function DailyChart({ o }: { o: ReportOverview }) {
  const [by, setBy] = useState<'vendor' | 'region'>('vendor');
  const t = useT();
  const cur = o.display.currency;
  // The same objects while the month, the stacking and the currency stay: the Overview renders again as its
  // other requests answer, and recharts draws again whatever it is given anew.
  const { data, series } = useMemo(() => {
    const names = new Set<string>();
    const rows = o.daily.map((d) => {
      const src = by === 'vendor' ? d.byVendor : d.byRegion;
      const row: { x: string; [k: string]: string | number } = { x: d.day.slice(5) };
      for (const [k, v] of Object.entries(src)) {
        names.add(k);
        row[k] = Number(v);
      }
      return row;
    });
    return { data: rows, series: [...names].sort() };
  }, [o.daily, by]);
  const format = useCallback((v: number) => formatMoney(String(v), cur), [cur]);
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
      <StackedBars data={data} series={series} label={t('overview.daily.label', { cur, by })} format={format} />
    </article>
  );
}
