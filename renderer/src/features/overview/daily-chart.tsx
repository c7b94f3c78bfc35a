/** Daily spend of the month, stacked by vendor or by origin region. */
import { useState } from 'react';
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatMoney } from '../../ui/format';
import { StackedBars } from '../../ui/stacked-bars';

export function DailyChart({ o }: { o: ReportOverview }) {
  const [by, setBy] = useState<'vendor' | 'region'>('vendor');
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
      <h2 id="daily-title">Daily spend by {by}</h2>
      <div className="segmented" role="group" aria-label="Stack daily spend by">
        <button type="button" aria-pressed={by === 'vendor'} onClick={() => setBy('vendor')}>
          Vendor
        </button>
        <button type="button" aria-pressed={by === 'region'} onClick={() => setBy('region')}>
          Region
        </button>
      </div>
      <StackedBars data={data} series={[...series].sort()} label={`Daily spend in ${cur} by ${by}`} format={(v) => formatMoney(String(v), cur)} />
    </article>
  );
}
