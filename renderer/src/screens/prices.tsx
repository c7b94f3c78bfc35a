/**
 * Prices: search the book, a model's dated price history, add or override a price (with a preview of the
 * estimates it changes), load a LiteLLM / OpenRouter price source with a dry run and confirmation of held
 * changes. Prices are per million tokens in their own currency.
 */
import { useState, type FormEvent } from 'react';
import type { PriceChangeResult, RecomputePreview, SourceLoadResult, TokenPriceMap } from '../../../shared/contract/api/prices';
import { FxRates } from '../components/fx-rates';
import { UnpricedBanner } from '../components/unpriced-banner';
import { VendorRegions } from '../components/vendor-regions';
import '../components/dashboard.css';
import '../components/prices.css';
import { formatInteger, formatMoney } from '../format';
import { useApp } from '../store';
import { useApiData } from '../use-api';

const CLASSES: Array<[keyof TokenPriceMap, string]> = [
  ['input', 'Input'],
  ['cache_read', 'Cache read'],
  ['cache_write_5m', 'Cache write 5m'],
  ['cache_write_1h', 'Cache write 1h'],
  ['output', 'Output'],
];

function priceCell(p: TokenPriceMap, k: keyof TokenPriceMap): string {
  return p[k] ?? '—';
}

function RecomputeTable({ r, applied }: { r: RecomputePreview; applied: boolean }) {
  if (r.changed === 0) return <p className="muted">No estimate in the ledger changes ({formatInteger(r.examined)} usage facts looked at).</p>;
  return (
    <>
      <p>
        {applied ? 'Re-priced' : 'Would re-price'} {formatInteger(r.changed)} of {formatInteger(r.examined)} usage facts on {r.days.length} {r.days.length === 1 ? 'day' : 'days'}:
      </p>
      <table className="data" data-testid="recompute-preview">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">Facts</th>
            <th scope="col" className="num">Before</th>
            <th scope="col" className="num">After</th>
            <th scope="col" className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {r.models.map((m) => (
            <tr key={`${m.model}|${m.currency ?? ''}`}>
              <th scope="row">{m.model}</th>
              <td className="num">{formatInteger(m.facts)}</td>
              <td className="num">{m.before !== null && m.currency && m.nowPriced < m.facts ? formatMoney(m.before, m.currency) : 'unpriced'}</td>
              <td className="num">{m.after !== null && m.currency ? formatMoney(m.after, m.currency) : 'unpriced'}</td>
              <td className="num">{m.delta !== null && m.currency ? formatMoney(m.delta, m.currency) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function History({ model }: { model: string }) {
  const data = useApiData((c) => c.call('prices.show', { model }), [model]);
  if (data.state === 'error') return <p role="alert" className="error">{data.error.message}</p>;
  if (!data.value) return <p aria-busy="true">Loading {model}…</p>;
  const d = data.value;
  return (
    <section aria-labelledby="history-title" className="card wide">
      <h2 id="history-title">Price history of {d.model}</h2>
      <p className="muted">
        {d.vendor ? `Made by ${d.vendor} (${d.region})` : 'Maker unknown'}
        {d.family && d.family !== d.model ? `, family ${d.family}` : ''}. In the ledger: {formatInteger(d.ledger.facts)} usage facts,{' '}
        {formatInteger(d.ledger.tokens)} tokens{d.ledger.unpricedFacts ? `, ${d.ledger.unpricedFacts} unpriced` : ''}.
      </p>
      {d.history.length === 0 ? (
        <p className="banner warn" role="status">No price in the book: usage of this model is unpriced.</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="price-history">
            <caption className="muted">Prices per million tokens</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Route</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                {CLASSES.map(([k, label]) => (
                  <th scope="col" className="num" key={k}>{label}</th>
                ))}
                <th scope="col">Origin</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((e, i) => (
                <tr key={i} title={`${e.source} (checked ${e.checkedOn})${e.tiers.length ? `; tiers: ${e.tiers.join(', ')}` : ''}`}>
                  <td>{e.model}</td>
                  <td>{e.route}</td>
                  <td>{e.effectiveFrom}</td>
                  <td>{e.effectiveTo ?? 'in force'}</td>
                  {CLASSES.map(([k]) => (
                    <td className="num" key={k}>
                      {e.withdrawn ? 'withdrawn' : priceCell(e.prices, k)} {e.withdrawn ? '' : e.prices[k] !== undefined ? e.currency : ''}
                    </td>
                  ))}
                  <td>{e.origin === 'user' ? `your price #${e.overrideId ?? ''}` : e.origin === 'source' ? 'loaded source' : 'built-in'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PriceForm({ model }: { model: string }) {
  const client = useApp((s) => s.client);
  const [form, setForm] = useState({ model, route: 'direct', currency: 'USD', from: new Date().toISOString().slice(0, 10), to: '', note: '' });
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [result, setResult] = useState<PriceChangeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(dryRun: boolean, e?: FormEvent) {
    e?.preventDefault();
    if (!client) return;
    setBusy(true);
    setError(null);
    try {
      const clean = Object.fromEntries(Object.entries(prices).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
      const r = await client.call('prices.set', {
        model: form.model,
        route: form.route,
        currency: form.currency,
        effectiveFrom: form.from,
        ...(form.to ? { effectiveTo: form.to } : {}),
        ...(form.note ? { note: form.note } : {}),
        prices: clean,
        dryRun,
      });
      setResult(r);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section aria-labelledby="override-title" className="card wide">
      <h2 id="override-title">Add or override a price</h2>
      <p className="muted">A negotiated price or a private deployment: prices per million tokens, in force from the day you give. Usage before it keeps its old price.</p>
      <form className="settings" onSubmit={(e) => void submit(true, e)}>
        {field('model', 'Model')}
        {field('route', 'Route')}
        {field('currency', 'Currency')}
        {field('from', 'In force from', 'date')}
        {field('to', 'Until (optional)', 'date')}
        {CLASSES.map(([k, label]) => (
          <label key={k}>
            {label} per 1M
            <input inputMode="decimal" value={prices[k] ?? ''} onChange={(e) => setPrices({ ...prices, [k]: e.target.value })} />
          </label>
        ))}
        {field('note', 'Note')}
        <div className="actions">
          <button type="submit" disabled={busy}>Preview the change</button>{' '}
          <button type="button" className="primary" disabled={busy || !result || result.applied} onClick={() => void submit(false)}>
            Save and re-price
          </button>
        </div>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <div data-testid="override-result">
          {result.applied && <p role="status">Saved as your price #{result.overrideId}.</p>}
          <RecomputeTable r={result.recompute} applied={result.applied} />
        </div>
      )}
    </section>
  );
}

function readBase64(file: File): Promise<string> {
  return file.arrayBuffer().then((buf) => {
    let s = '';
    const bytes = new Uint8Array(buf);
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
}

function SourceLoader() {
  const client = useApp((s) => s.client);
  const [upload, setUpload] = useState<{ name: string; contentBase64: string } | null>(null);
  const [result, setResult] = useState<SourceLoadResult | null>(null);
  const [accept, setAccept] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(file: { name: string; contentBase64: string }, dryRun: boolean) {
    if (!client) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await client.call('prices.loadSource', { file, dryRun, acceptHeld: [...accept] }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function choose(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    const up = { name: f.name, contentBase64: await readBase64(f) };
    setUpload(up);
    setAccept(new Set());
    await run(up, true);
  }
  const held = result?.changes.filter((c) => c.held) ?? [];
  return (
    <section aria-labelledby="source-title" className="card wide">
      <h2 id="source-title">Load a price source</h2>
      <p className="muted">
        A LiteLLM <code>model_prices_and_context_window.json</code> or an OpenRouter <code>/api/v1/models</code> answer. You see what changes first;
        a price 100 times away from the one it replaces is held until you accept it.
      </p>
      <label>
        Price source file (JSON)
        <input type="file" accept=".json,application/json" onChange={(e) => void choose(e.target.files)} disabled={busy} />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <div data-testid="source-result">
          <p role="status">
            {result.applied ? 'Loaded' : 'Dry run of'} {result.file}: {result.added} added, {result.changed} changed, {result.held} held
            {result.unresolved.length ? `, ${result.unresolved.length} ids with no known maker left out` : ''}.
          </p>
          {held.length > 0 && (
            <fieldset>
              <legend>Held for confirmation</legend>
              {held.map((c) => (
                <label key={c.key} className="check">
                  <input
                    type="checkbox"
                    checked={accept.has(c.key) || c.applies}
                    disabled={result.applied}
                    onChange={(e) => {
                      const next = new Set(accept);
                      if (e.target.checked) next.add(c.key);
                      else next.delete(c.key);
                      setAccept(next);
                    }}
                  />{' '}
                  {c.model} ({c.route}, {c.currency}): {c.heldReason}
                </label>
              ))}
            </fieldset>
          )}
          <div className="table-scroll">
            <table className="data" data-testid="source-changes">
              <caption className="muted">Changes per million tokens (first 50)</caption>
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">Model</th>
                  <th scope="col">Route</th>
                  <th scope="col">Old → new</th>
                </tr>
              </thead>
              <tbody>
                {result.changes.slice(0, 50).map((c) => (
                  <tr key={c.key}>
                    <td>{c.held ? 'held' : c.kind}</td>
                    <td>{c.model}</td>
                    <td>{c.route}</td>
                    <td>
                      {Object.entries(c.fields)
                        .map(([k, [a, b]]) => `${k} ${a ?? '—'} → ${b ?? '—'} ${c.currency}`)
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RecomputeTable r={result.recompute} applied={result.applied} />
          {!result.applied && upload && (
            <button type="button" className="primary" disabled={busy} onClick={() => void run(upload, false)}>
              Load {result.added + result.changed + accept.size} changes
            </button>
          )}
        </div>
      )}
    </section>
  );
}

export function PricesScreen() {
  const [search, setSearch] = useState('');
  const [inLedger, setInLedger] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const list = useApiData((c) => c.call('prices.list', { ...(search ? { search } : {}), inLedger: inLedger && !search, limit: 100 }), [search, inLedger]);
  return (
    <div className="screen prices">
      <h1>Prices</h1>
      {list.value && <UnpricedBanner unpriced={list.value.unpriced} />}
      <section aria-labelledby="models-title" className="card wide">
        <h2 id="models-title">Models</h2>
        <div className="toolbar">
          <label>
            Search models
            <input type="search" value={search} placeholder="gpt-4o, claude-sonnet-4-5, deepseek-chat…" onChange={(e) => setSearch(e.target.value)} />
          </label>{' '}
          <label className="check">
            <input type="checkbox" checked={inLedger} onChange={(e) => setInLedger(e.target.checked)} /> Only models in my ledger
          </label>
        </div>
        {list.state === 'error' && <p role="alert" className="error">{list.error.message}</p>}
        {!list.value ? (
          <p aria-busy="true">Loading the price book…</p>
        ) : list.value.rows.length === 0 ? (
          <p className="muted">{search ? `No model matches “${search}”.` : 'No priced model in your ledger yet: import an export, or search the whole book.'}</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="price-list">
              <caption className="muted">
                Price in force today on the main route, per million tokens ({list.value.rows.length} of {list.value.total})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Vendor</th>
                  <th scope="col">Route</th>
                  {CLASSES.map(([k, label]) => (
                    <th scope="col" className="num" key={k}>{label}</th>
                  ))}
                  <th scope="col">Since</th>
                  <th scope="col" className="num">Facts</th>
                </tr>
              </thead>
              <tbody>
                {list.value.rows.map((m) => (
                  <tr key={m.model} aria-selected={selected === m.model}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => setSelected(m.model)}>
                        {m.model}
                      </button>
                    </th>
                    <td>{m.vendor ? `${m.vendor} (${m.region})` : '—'}</td>
                    <td>{m.route}</td>
                    {CLASSES.map(([k]) => (
                      <td className="num" key={k}>
                        {m.prices[k] !== undefined ? `${m.prices[k]} ${m.currency}` : '—'}
                      </td>
                    ))}
                    <td>{m.effectiveFrom.startsWith('2000-01-01') ? <span title="The reference gives no start date">—</span> : m.effectiveFrom}{m.origin === 'user' ? ' (yours)' : ''}</td>
                    <td className="num">{formatInteger(m.facts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.value && list.value.unpriced.models.length > 0 && (
          <p>
            Unpriced:{' '}
            {list.value.unpriced.models.map((m, i) => (
              <span key={`${m.model}|${m.provider}`}>
                {i > 0 && ', '}
                <button type="button" className="link" onClick={() => setSelected(m.model)}>
                  {m.model}
                </button>{' '}
                <span className="muted">({m.provider}, {formatInteger(m.tokens)} tokens)</span>
              </span>
            ))}
          </p>
        )}
      </section>
      {selected && <History key={`h-${selected}`} model={selected} />}
      {selected && <PriceForm key={`f-${selected}`} model={selected} />}
      <SourceLoader />
      <FxRates />
      <VendorRegions />
    </div>
  );
}
