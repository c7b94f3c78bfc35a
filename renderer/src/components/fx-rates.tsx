/**
 * Exchange rates (issue 4, "Currencies"): the effective-dated table every converted figure uses, the
 * built-in reference points with their source, and the user's own rates: add one, remove one, import a
 * CSV of them after a preview that names each bad line and field. Rates are units of a currency per
 * 1 USD, in force from their date until the next rate of that currency.
 */
import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import type { FxImportResult, FxRateRow } from '../../../shared/contract/api/fx';
import { useApp } from '../store';
import { useApiData } from '../use-api';
import './fx-vendors.css';

/** The date the next rate of the same currency starts (null: still in force). Rows arrive by currency then date. */
function untilOf(rows: readonly FxRateRow[], i: number): string | null {
  const next = rows[i + 1];
  return next && next.currency === rows[i]!.currency ? next.date : null;
}

/** "1 EUR = 1.0389 USD": the inverse, for reading only (never used to convert). */
function inverse(perUsd: string): string {
  const n = Number(perUsd);
  return n > 0 ? (1 / n).toLocaleString(undefined, { maximumFractionDigits: 6, minimumFractionDigits: 4 }) : '—';
}

function fileToBase64(file: File): Promise<string> {
  return file.arrayBuffer().then((buf) => {
    const bytes = new Uint8Array(buf);
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
}

function RateTable({ rows, onRemove, busy }: { rows: FxRateRow[]; onRemove: (r: FxRateRow) => void; busy: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid="fx-table">
        <caption className="muted">Each rate is in force from its date until the next rate of its currency; before the first one, the first one is used.</caption>
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col" className="num">Per 1 USD</th>
            <th scope="col" className="num">1 unit in USD</th>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.currency}|${r.date}`} data-origin={r.origin}>
              <th scope="row">{r.currency}</th>
              <td className="num">{r.date}</td>
              <td className="num">{untilOf(rows, i) ?? 'in force'}</td>
              <td className="num">{r.perUsd}</td>
              <td className="num">{inverse(r.perUsd)}</td>
              <td>{r.source}</td>
              <td className="nowrap">{r.origin === 'builtin' ? 'Built-in' : 'Yours'}</td>
              <td>
                {r.origin === 'user' && (
                  <button type="button" disabled={busy} aria-label={`Remove your ${r.currency} rate of ${r.date}`} onClick={() => onRemove(r)}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What an imported rate does to the table: a new point, or replaces one of the same currency and date. */
function effectOf(r: FxRateRow, current: readonly FxRateRow[]): string {
  const same = current.find((c) => c.currency === r.currency && c.date === r.date);
  if (!same) return 'new';
  if (same.perUsd === r.perUsd) return 'same as now';
  return `replaces ${same.origin === 'builtin' ? 'the built-in' : 'your'} ${same.perUsd}`;
}

function CsvImport({ current }: { current: readonly FxRateRow[] }) {
  const client = useApp((s) => s.client);
  const [upload, setUpload] = useState<{ name: string; contentBase64: string } | null>(null);
  const [result, setResult] = useState<FxImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(file: { name: string; contentBase64: string }, dryRun: boolean) {
    if (!client) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await client.call('fx.importCsv', { file, dryRun }));
    } catch (err) {
      setResult(null);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function choose(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    const up = { name: f.name, contentBase64: await fileToBase64(f) };
    setUpload(up);
    await run(up, true);
  }
  return (
    <div className="fx-import">
      <h3>Import a CSV of rates</h3>
      <p className="muted">
        Columns <code>date,currency,per_usd,source</code> (or the reference file&apos;s <code>date,cny_per_usd,…</code>). You see what it adds first.
      </p>
      <label>
        CSV of rates
        <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void choose(e.target.files)} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && upload && (
        <div data-testid="fx-import-result">
          <p role="status">
            {result.applied ? 'Imported' : 'Preview of'} {upload.name}: {result.rates.length} {result.rates.length === 1 ? 'rate' : 'rates'}
            {result.skipped.length > 0 ? `, ${result.skipped.length} bad ${result.skipped.length === 1 ? 'line' : 'lines'} left out` : ''}.
          </p>
          {result.rates.length > 0 && !result.applied && (
            <table className="data fx-preview" data-testid="fx-import-preview">
              <caption className="muted">Rates the file adds</caption>
              <thead>
                <tr>
                  <th scope="col">Currency</th>
                  <th scope="col">From</th>
                  <th scope="col" className="num">Per 1 USD</th>
                  <th scope="col">Source</th>
                  <th scope="col">Effect</th>
                </tr>
              </thead>
              <tbody>
                {result.rates.map((r) => (
                  <tr key={`${r.currency}|${r.date}`}>
                    <th scope="row">{r.currency}</th>
                    <td className="num">{r.date}</td>
                    <td className="num">{r.perUsd}</td>
                    <td>{r.source}</td>
                    <td>{effectOf(r, current)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.skipped.length > 0 && (
            <ul className="fx-skipped error" aria-label="Lines left out" data-testid="fx-import-skipped">
              {result.skipped.map((s) => (
                <li key={s.line}>
                  Line {s.line}: {s.reason}
                </li>
              ))}
            </ul>
          )}
          {!result.applied && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy || result.rates.length === 0} onClick={() => void run(upload, false)}>
                Import {result.rates.length} {result.rates.length === 1 ? 'rate' : 'rates'}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setResult(null);
                  setUpload(null);
                }}
              >
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function FxRates() {
  const client = useApp((s) => s.client);
  const rates = useApiData((c) => c.call('fx.list', {}), []);
  const [form, setForm] = useState({ currency: '', perUsd: '', date: new Date().toISOString().slice(0, 10), note: '' });
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(what: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await what();
      setStatus(done);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }
  async function add(e: FormEvent) {
    e.preventDefault();
    if (!client) return;
    const currency = form.currency.trim().toUpperCase();
    const perUsd = form.perUsd.trim();
    const ok = await act(
      () => client.call('fx.set', { currency, date: form.date, perUsd, ...(form.note.trim() ? { source: form.note.trim() } : {}) }),
      `Saved: 1 USD = ${perUsd} ${currency} from ${form.date}.`,
    );
    if (ok) setForm({ ...form, perUsd: '', note: '' });
  }
  function remove(r: FxRateRow) {
    if (!client) return;
    void act(() => client.call('fx.unset', { currency: r.currency, date: r.date }), `Removed your ${r.currency} rate of ${r.date}.`);
  }
  const field = (key: keyof typeof form, label: string, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {label}
      <input value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} {...extra} />
    </label>
  );
  const rows = rates.value ?? [];
  return (
    <section aria-labelledby="fx-title" className="card wide fx-rates" data-testid="fx-rates">
      <h2 id="fx-title">Exchange rates</h2>
      <p className="muted">
        Spend in another currency than the display currency is converted at the rate in force on the last day of the view; the rate and its date are
        shown next to every converted figure. Native amounts are never changed.
      </p>
      {rates.state === 'error' && (
        <p role="alert" className="error">
          {rates.error.message}
        </p>
      )}
      {!rates.value ? <p aria-busy="true">Loading rates…</p> : rows.length === 0 ? <p className="muted">No rates yet.</p> : <RateTable rows={rows} onRemove={remove} busy={busy} />}

      <h3>Add a rate</h3>
      <form className="settings fx-form" onSubmit={(e) => void add(e)} aria-label="Add a rate">
        <p className="fx-from" aria-hidden="true">1 USD =</p>
        {field('perUsd', 'Rate (units per 1 USD)', { inputMode: 'decimal', required: true, placeholder: '7.1500' })}
        {field('currency', 'Currency', { required: true, maxLength: 3, placeholder: 'CNY', autoCapitalize: 'characters' })}
        {field('date', 'Effective date', { type: 'date', required: true })}
        {field('note', 'Source', { placeholder: 'bank statement, ECB…' })}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Add rate
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {status && <p role="status">{status}</p>}
      <CsvImport current={rows} />
    </section>
  );
}
