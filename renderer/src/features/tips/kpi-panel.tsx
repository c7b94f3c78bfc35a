/** Token-efficiency KPIs for a month, overall or per project / key / member, each with a small trend chart. */
import { useState } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KpiGroupBy, KpiReport } from '../../../../shared/contract/api/tips';
import type { KpiPoint } from '../../../../shared/domain/kpi';
import { useApiData } from '../../client/use-api';
import { formatMoney } from '../../ui/format';

const BY_LABELS: Record<KpiGroupBy, string> = { total: 'Whole ledger', project: 'Project', api_key: 'API key', member: 'Member' };

interface Kpi {
  id: string;
  label: string;
  value: (p: KpiPoint, cur: string) => number | null;
  format: (v: number, cur: string) => string;
  /** The exact figure for the month (money from its decimal string, never through a float). */
  exact?: (p: KpiPoint, cur: string) => string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pctFmt = (v: number) => `${(v * 100).toFixed(1)}%`;
const KPIS: Kpi[] = [
  { id: 'cpr', label: 'Cost per request', value: (p, c) => (p.costPerRequest[c] !== undefined ? Number(p.costPerRequest[c]) : null), format: (v, c) => formatMoney(v.toFixed(6), c), exact: (p, c) => (p.costPerRequest[c] !== undefined ? formatMoney(p.costPerRequest[c]!, c) : null) },
  { id: 'cpm', label: 'Cost per 1M tokens', value: (p, c) => (p.costPerMillionTokens[c] !== undefined ? Number(p.costPerMillionTokens[c]) : null), format: (v, c) => formatMoney(v.toFixed(6), c), exact: (p, c) => (p.costPerMillionTokens[c] !== undefined ? formatMoney(p.costPerMillionTokens[c]!, c) : null) },
  { id: 'cache', label: 'Cache-read share', value: (p) => p.cacheReadShare, format: pctFmt },
  { id: 'reason', label: 'Reasoning share', value: (p) => p.reasoningShare, format: pctFmt },
  { id: 'tpr', label: 'Tokens per request', value: (p) => p.tokensPerRequest, format: (v) => Math.round(v).toLocaleString() },
];

/** One KPI: this month's figure, the change from the month before, and its trend over the months. */
function KpiTile({ k, points, cur }: { k: Kpi; points: KpiPoint[]; cur: string }) {
  const last = points[points.length - 1]!;
  const prev = points[points.length - 2];
  const now = k.value(last, cur);
  const before = prev ? k.value(prev, cur) : null;
  const change = now !== null && before !== null && before !== 0 ? now / before - 1 : null;
  const chart = points.map((p) => ({ x: MONTHS[Number(p.period.slice(5, 7)) - 1]!, v: k.value(p, cur) }));
  return (
    <li className="kpi" data-kpi={k.id}>
      <h3>{k.label}</h3>
      <p className="figure small-figure" data-testid={`kpi-${k.id}`}>
        {now === null ? '—' : (k.exact?.(last, cur) ?? k.format(now, cur))}
      </p>
      <p className="muted small">{change === null ? 'no earlier month' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}% vs ${prev!.period}`}</p>
      <figure className="spark" role="img" aria-label={`${k.label} by month`}>
        <ResponsiveContainer width="100%" height={70} initialDimension={{ width: 200, height: 70 }}>
          <LineChart data={chart} margin={{ top: 4, right: 6, bottom: 0, left: 6 }}>
            <XAxis dataKey="x" tick={{ fontSize: 10 }} interval="preserveStartEnd" height={16} padding={{ left: 10, right: 10 }} />
            <YAxis hide domain={[0, 'auto']} />
            <Tooltip formatter={(v) => (v === null || v === undefined ? '—' : k.format(Number(v), cur))} />
            <Line type="monotone" dataKey="v" stroke="var(--accent)" strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </li>
  );
}

export function KpiPanel({ period }: { period: string }) {
  const [by, setBy] = useState<KpiGroupBy>('total');
  const [group, setGroup] = useState<string>('');
  const [currency, setCurrency] = useState<string>('');
  const data = useApiData<KpiReport>((c) => c.call('tips.kpis', { period, by, months: 6 }), [period, by]);
  const r = data.value;
  const series = r?.series.find((s) => (s.group ?? '') === group) ?? r?.series[0];
  const last = series?.points[series.points.length - 1];
  const currencies = [...new Set(series?.points.flatMap((p) => Object.keys(p.spend)) ?? [])];
  const cur = currencies.includes(currency) ? currency : currencies.includes('USD') ? 'USD' : (currencies[0] ?? 'USD');
  return (
    <article className="card kpi-panel" aria-labelledby="kpi-title">
      <div className="screen-head">
        <h2 id="kpi-title">Token efficiency</h2>
        <div className="kpi-controls">
          <label>
            Per{' '}
            <select
              value={by}
              onChange={(e) => {
                setBy(e.target.value as KpiGroupBy);
                setGroup('');
              }}
            >
              {Object.entries(BY_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          {by !== 'total' && r && (
            <label>
              {BY_LABELS[by]}{' '}
              <select value={series?.group ?? ''} onChange={(e) => setGroup(e.target.value)}>
                {r.series.map((s) => (
                  <option key={s.group ?? ''} value={s.group ?? ''}>
                    {s.group ?? '(none)'}
                  </option>
                ))}
              </select>
            </label>
          )}
          {currencies.length > 1 && (
            <label>
              Money in{' '}
              <select value={cur} onChange={(e) => setCurrency(e.target.value)}>
                {currencies.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </div>
      {!series || !last ? (
        <p className="muted">{data.state === 'loading' ? 'Loading…' : 'No usage in these months.'}</p>
      ) : (
        <ul className="kpi-grid" data-testid="kpis">
          {KPIS.map((k) => (
            <KpiTile key={k.id} k={k} points={series.points} cur={cur} />
          ))}
        </ul>
      )}
    </article>
  );
}
