/**
 * Exchange rates: the effective-dated table every converted figure uses, the built-in reference points
 * with their source, and the user's own rates: add one, remove one, import a CSV of them after a preview
 * that names each bad line and field. Rates are units of a currency per 1 USD, in force from their date
 * until the next rate of that currency.
 */
import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import type { FxRateRow } from '../../../../shared/contract/api/fx';
import { useEngineDay } from '../../client/engine-now';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { CsvImport } from './fx-csv-import';
import { RateTable } from './fx-rate-table';
import './fx-vendors.css';

export function FxRates() {
  const client = useApp((s) => s.client);
  const rates = useApiData((c) => c.call('fx.list', {}), []);
  // The date defaults to the engine's day (never the window's clock) until one is typed.
  const engineDay = useEngineDay();
  const [typed, setForm] = useState({ currency: '', perUsd: '', date: '', note: '' });
  const form = { ...typed, date: typed.date || engineDay };
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
        Spend in another currency than the display currency is converted at the rate in force on its own day, so a converted total is the sum of its
        parts; every converted figure states its basis. Native amounts are never changed.
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
