import { useState } from 'react';
import type { ReportOverview, OverviewShare } from '../../../shared/contract/api/report';
import { StackedBars } from '../components/stacked-bars';
import { FxNote, fxTitle } from '../components/fx-note';
import { OVERVIEW_CARDS } from '../components/overview-slots';
import '../components/dashboard.css';
import { TOKEN_CLASSES, type TokenClass } from '../../../shared/domain/fact';
import { useApp } from '../store';
import { useApiData } from '../use-api';
import { formatAmounts, formatCompact, formatInteger, formatMoney } from '../format';

const CLASS_LABELS: Record<TokenClass, string> = {
  input: 'Input (uncached)',
  cache_read: 'Cache read',
  cache_write_5m: 'Cache write 5m',
  cache_write_1h: 'Cache write 1h',
  output: 'Output',
  reasoning: 'of which reasoning',
};

export function FirstRun() {
  const client = useApp((s) => s.client);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function loadDemo() {
    if (!client) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('demo.load', {});
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="empty first-run">
      <h2>Your ledger is empty</h2>
      <p>Import a billing or usage export from any provider to see where your tokens and money go.</p>
      <ol>
        <li>
          Download an export: OpenAI or Anthropic usage and cost, OpenRouter activity, an AWS, Azure or Google Cloud bill, DeepSeek or
          Zhipu usage, Claude Code logs (<code>~/.claude/projects</code>), LiteLLM spend logs.
        </li>
        <li>
          Drop the files on this window, use <kbd>File › Import…</kbd>, or run <code>npx tokenledger import &lt;files&gt;</code>.
        </li>
      </ol>
      <p>Or look around first with sample exports of every vendor:</p>
      <button type="button" className="primary" onClick={() => void loadDemo()} disabled={busy}>
        {busy ? 'Loading demo data…' : 'Load demo data'}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

const REGION_LABELS: Record<string, string> = { US: 'United States', CN: 'China', EU: 'Europe', other: 'Other' };

function Change({ now, before, money }: { now: string | null; before: string | null; money?: boolean }) {
  if (now === null || before === null) return null;
  const a = Number(now);
  const b = Number(before);
  if (b === 0) return <span className="change">{a === 0 ? 'no change' : 'new'}</span>;
  const pct = ((a - b) / Math.abs(b)) * 100;
  const cls = Math.abs(pct) < 0.05 ? '' : pct > 0 ? (money ? 'up' : '') : money ? 'down' : '';
  return (
    <span className={`change ${cls}`}>
      {pct > 0 ? '▲' : pct < 0 ? '▼' : ''} {Math.abs(pct).toFixed(1)}%
    </span>
  );
}

function monthLabel(month: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

function ShareTable({ title, rows, cur, id, label }: { title: string; rows: OverviewShare[]; cur: string; id: string; label: (k: string | null) => string }) {
  return (
    <article className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing in this period.</p>
      ) : (
        <table className="data" data-testid={id}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Spend
              </th>
              <th scope="col" className="num">
                Tokens
              </th>
              <th scope="col" className="num">
                vs last month
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.key)} data-key={r.key ?? ''}>
                <th scope="row">{label(r.key)}</th>
                <td className="num" title={formatAmounts(r.spend).join(' + ')}>
                  {r.spendDisplay === null ? formatAmounts(r.spend).join(' + ') : formatMoney(r.spendDisplay, cur)}
                </td>
                <td className="num">{formatCompact(r.tokens)}</td>
                <td className="num">
                  <Change now={r.spendDisplay} before={r.previousSpendDisplay} money />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function DailyChart({ o }: { o: ReportOverview }) {
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

export function OverviewScreen() {
  const settings = useApp((s) => s.settings);
  const report = useApiData((c) => c.call('report.overview', {}), [settings?.timeZone, settings?.displayCurrency]);
  const o = report.value;
  const cur = o?.display.currency ?? 'USD';
  const t = o?.totals;
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Overview</h1>
      {report.state === 'error' && (
        <p role="alert" className="error">
          {report.error.message}
        </p>
      )}
      {!o && report.state === 'loading' && <p aria-busy="true">Loading…</p>}
      {o && o.ledgerFacts === 0 && <FirstRun />}
      {o && t && o.ledgerFacts > 0 && (
        <>
          <p className="period-note" data-testid="period" data-from={o.period.from} data-to={o.period.to}>
            {o.period.isCurrentMonth ? (
              <>
                <strong>{monthLabel(o.period.month)}, month to date</strong> ({o.period.from} to {o.period.to}), compared with {o.previous.from} to {o.previous.to}.
              </>
            ) : (
              <>
                <strong>{monthLabel(o.period.month)}</strong>: the latest month with data (nothing yet in {monthLabel(o.today.slice(0, 7))}), compared with{' '}
                {monthLabel(o.previous.month)}.
              </>
            )}{' '}
            {o.dayBasis === 'utc'
              ? 'Days are UTC days.'
              : `Days in ${o.timeZone}: request and hourly rows fall on your local day; daily export rows keep the UTC day the export names.`}
          </p>
          {t.unpriced.facts > 0 && (
            <div className="banner warn" role="status" data-testid="unpriced-banner">
              <strong>
                {formatInteger(t.unpriced.tokens)} tokens on {t.unpriced.models.length} {t.unpriced.models.length === 1 ? 'model has' : 'models have'} no price
              </strong>
              : {t.unpriced.models.join(', ')}. They are counted, never costed at zero: add a price on the <a href="#/prices">Prices</a> screen.
            </div>
          )}
          <div className="cards">
            <article className="card" aria-labelledby="spend-title">
              <h2 id="spend-title">Spend</h2>
              <p className="figure" data-testid="spend-display" title={fxTitle(o.display)}>
                {t.spendDisplay === null ? '—' : formatMoney(t.spendDisplay, cur)}
              </p>
              <p>
                <Change now={t.spendDisplay} before={o.previousTotals.spendDisplay} money />{' '}
                <span className="muted">
                  vs {o.previousTotals.spendDisplay === null ? '—' : formatMoney(o.previousTotals.spendDisplay, cur)} last month
                </span>
              </p>
              <ul className="amounts" data-testid="spend" aria-label="Spend in each currency">
                {formatAmounts(t.spend).map((a) => (
                  <li key={a} className="figure small">
                    {a}
                  </li>
                ))}
              </ul>
              <p className="muted">billed where a bill covers it, else estimated</p>
            </article>
            <article className="card" aria-labelledby="forecast-title">
              <h2 id="forecast-title">Month-end forecast</h2>
              {o.forecast ? (
                <>
                  <p className="figure" data-testid="forecast">
                    {formatMoney(o.forecast.point, cur)}
                  </p>
                  <p className="muted">
                    range {formatMoney(o.forecast.low, cur)} – {formatMoney(o.forecast.high, cur)}, at this month’s run rate ({o.period.daysElapsed} of{' '}
                    {o.period.daysInMonth} days)
                  </p>
                </>
              ) : (
                <p className="muted">{o.period.isCurrentMonth ? 'Not enough data yet.' : 'The month shown is complete.'}</p>
              )}
            </article>
            <article className="card" aria-labelledby="requests-title">
              <h2 id="requests-title">Requests</h2>
              <p className="figure" data-testid="requests">
                {formatInteger(t.requests)}
              </p>
              <p>
                <Change now={String(t.requests)} before={String(o.previousTotals.requests)} />{' '}
                <span className="muted">{formatInteger(t.facts)} ledger rows</span>
              </p>
            </article>
          </div>
          <div className="slot-cards cards">
            {OVERVIEW_CARDS.map((Card, i) => (
              <Card key={i} />
            ))}
          </div>
          <div className="grid-2">
            <article className="card" aria-labelledby="tokens-title">
              <h2 id="tokens-title">Tokens by class</h2>
              <table className="numbers" data-testid="tokens">
                <tbody>
                  {TOKEN_CLASSES.map((c) => (
                    <tr key={c} className={c === 'reasoning' ? 'sub' : undefined}>
                      <th scope="row">{CLASS_LABELS[c]}</th>
                      <td data-class={c}>{formatInteger(t.tokens[c])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
            <article className="card" aria-labelledby="regions-title">
              <h2 id="regions-title">Spend by origin region</h2>
              <table className="data" data-testid="regions">
                <thead>
                  <tr>
                    <th scope="col">Region</th>
                    <th scope="col" className="num">
                      Spend
                    </th>
                    <th scope="col" className="num">
                      Share
                    </th>
                    <th scope="col" className="num">
                      vs last month
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.regions.map((r) => (
                    <tr key={String(r.key)} data-key={r.key ?? ''}>
                      <th scope="row">{r.key === null ? 'Not stated' : (REGION_LABELS[r.key] ?? r.key)}</th>
                      <td className="num">{r.spendDisplay === null ? formatAmounts(r.spend).join(' + ') : formatMoney(r.spendDisplay, cur)}</td>
                      <td className="num">
                        {r.spendDisplay !== null && t.spendDisplay !== null && Number(t.spendDisplay) !== 0
                          ? `${((Number(r.spendDisplay) / Number(t.spendDisplay)) * 100).toFixed(1)}%`
                          : '—'}
                      </td>
                      <td className="num">
                        <Change now={r.spendDisplay} before={r.previousSpendDisplay} money />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
            <ShareTable title="Top models" rows={o.topModels} cur={cur} id="top-models" label={(k) => k ?? 'Not resolved'} />
            <ShareTable title="Top projects" rows={o.topProjects} cur={cur} id="top-projects" label={(k) => k ?? 'No project'} />
          </div>
          <DailyChart o={o} />
          <FxNote display={o.display} />
        </>
      )}
    </section>
  );
}
