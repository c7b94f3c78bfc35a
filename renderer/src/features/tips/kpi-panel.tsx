/** Token-efficiency KPIs for a month, overall or per project / key / member, each with a small trend chart. */
import { useState } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KpiGroupBy, KpiReport } from '../../../../shared/contract/api/tips';
import type { KpiPoint } from '../../../../shared/domain/kpi';
import { useApiData } from '../../client/use-api';
import { formatInteger, formatMonth, formatPercent, formatShortMonth, formatUnitMoney } from '../../ui/format';
import { useT, type T } from '../../ui/i18n';
import { nameOf } from '../../ui/named-key';
import type { MessageId } from '../../../../shared/i18n';

const BY_LABELS: Record<KpiGroupBy, MessageId> = { total: 'tips.kpi.by.total', project: 'tips.kpi.by.project', api_key: 'tips.kpi.by.apiKey', member: 'tips.kpi.by.member' };

interface Kpi {
  id: string;
  label: MessageId;
  value: (p: KpiPoint, cur: string) => number | null;
  format: (v: number, cur: string) => string;
  /** The exact figure for the month (money from its decimal string, never through a float). */
  exact?: (p: KpiPoint, cur: string) => string | null;
}

const pctFmt = (v: number) => formatPercent(v);
const KPIS: Kpi[] = [
  { id: 'cpr', label: 'tips.kpi.cpr', value: (p, c) => (p.costPerRequest[c] !== undefined ? Number(p.costPerRequest[c]) : null), format: (v, c) => formatUnitMoney(v.toFixed(9), c), exact: (p, c) => (p.costPerRequest[c] !== undefined ? formatUnitMoney(p.costPerRequest[c]!, c) : null) },
  { id: 'cpm', label: 'tips.kpi.cpm', value: (p, c) => (p.costPerMillionTokens[c] !== undefined ? Number(p.costPerMillionTokens[c]) : null), format: (v, c) => formatUnitMoney(v.toFixed(9), c), exact: (p, c) => (p.costPerMillionTokens[c] !== undefined ? formatUnitMoney(p.costPerMillionTokens[c]!, c) : null) },
  { id: 'cache', label: 'tips.kpi.cache', value: (p) => p.cacheReadShare, format: pctFmt },
  { id: 'reason', label: 'tips.kpi.reason', value: (p) => p.reasoningShare, format: pctFmt },
  { id: 'tpr', label: 'tips.kpi.tpr', value: (p) => p.tokensPerRequest, format: (v) => formatInteger(v) },
];

/** One KPI: this month's figure, the change from the month before, and its trend over the months. */
function KpiTile({ k, points, cur, t }: { k: Kpi; points: KpiPoint[]; cur: string; t: T }) {
  const last = points[points.length - 1]!;
  const prev = points[points.length - 2];
  const now = k.value(last, cur);
  const before = prev ? k.value(prev, cur) : null;
  const change = now !== null && before !== null && before !== 0 ? now / before - 1 : null;
  const chart = points.map((p) => ({ x: formatShortMonth(p.period), v: k.value(p, cur) }));
  return (
    <li className="kpi" data-kpi={k.id}>
      <h3>{t(k.label)}</h3>
      <p className="figure small-figure" data-testid={`kpi-${k.id}`}>
        {now === null ? '—' : (k.exact?.(last, cur) ?? k.format(now, cur))}
      </p>
      <p className="muted small">{change === null ? t('tips.kpi.noEarlier') : t('tips.kpi.change', { change: `${change >= 0 ? '+' : ''}${formatPercent(change)}`, period: formatMonth(prev!.period) })}</p>
      <figure className="spark" role="img" aria-label={t('tips.kpi.byMonth', { label: t(k.label) })}>
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
  const t = useT();
  const data = useApiData<KpiReport>((c) => c.call('tips.kpis', { period, by, months: 6 }), [period, by]);
  const r = data.value;
  const series = r?.series.find((s) => (s.group ?? '') === group) ?? r?.series[0];
  const last = series?.points[series.points.length - 1];
  const currencies = [...new Set(series?.points.flatMap((p) => Object.keys(p.spend)) ?? [])];
  const cur = currencies.includes(currency) ? currency : currencies.includes('USD') ? 'USD' : (currencies[0] ?? 'USD');
  return (
    <article className="card kpi-panel" aria-labelledby="kpi-title">
      <div className="screen-head">
        <h2 id="kpi-title">{t('tips.kpi.title')}</h2>
        <div className="kpi-controls">
          <label>
            {t('tips.kpi.per')}{' '}
            <select
              value={by}
              onChange={(e) => {
                setBy(e.target.value as KpiGroupBy);
                setGroup('');
              }}
            >
              {Object.entries(BY_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {t(v)}
                </option>
              ))}
            </select>
          </label>
          {by !== 'total' && r && (
            <label>
              {t(BY_LABELS[by])}{' '}
              <select value={series?.group ?? ''} onChange={(e) => setGroup(e.target.value)}>
                {r.series.map((s) => (
                  <option key={s.group ?? ''} value={s.group ?? ''}>
                    {nameOf(r.names, by, s.group, t('tips.kpi.none'))}
                  </option>
                ))}
              </select>
            </label>
          )}
          {currencies.length > 1 && (
            <label>
              {t('tips.kpi.moneyIn')}{' '}
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
        <p className="muted" aria-busy={data.state === 'loading'}>
          {data.state === 'loading' ? t('app.loading') : t('tips.kpi.noUsage')}
        </p>
      ) : (
        <ul className="kpi-grid" data-testid="kpis">
          {KPIS.map((k) => (
            <KpiTile key={k.id} k={k} points={series.points} cur={cur} t={t} />
          ))}
        </ul>
      )}
    </article>
  );
}
