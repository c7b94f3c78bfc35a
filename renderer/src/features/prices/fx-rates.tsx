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
import { useT } from '../../ui/i18n';
import type { MessageId } from '../../../../shared/i18n';

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
  const t = useT();
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
      t('prices.fx.saved', { rate: perUsd, currency, date: form.date }),
    );
    if (ok) setForm({ ...form, perUsd: '', note: '' });
  }
  function remove(r: FxRateRow) {
    if (!client) return;
    void act(() => client.call('fx.unset', { currency: r.currency, date: r.date }), t('prices.fx.removed', { currency: r.currency, date: r.date }));
  }
  const field = (key: keyof typeof form, label: MessageId, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {t(label)}
      <input value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} {...extra} />
    </label>
  );
  const rows = rates.value ?? [];
  return (
    <section aria-labelledby="fx-title" className="card wide fx-rates" data-testid="fx-rates">
      <h2 id="fx-title">{t('prices.fx.title')}</h2>
      <p className="muted">{t('prices.fx.intro')}</p>
      {rates.state === 'error' && (
        <p role="alert" className="error">
          {rates.error.message}
        </p>
      )}
      {!rates.value ? <p aria-busy="true">{t('prices.fx.loading')}</p> : rows.length === 0 ? <p className="muted">{t('prices.fx.none')}</p> : <RateTable rows={rows} onRemove={remove} busy={busy} />}

      <h3>{t('prices.fx.add')}</h3>
      <form className="settings fx-form" onSubmit={(e) => void add(e)} aria-label={t('prices.fx.add')}>
        <p className="fx-from" aria-hidden="true">1 USD =</p>
        {field('perUsd', 'prices.fx.rate', { inputMode: 'decimal', required: true, placeholder: '7.1500' })}
        {field('currency', 'budgets.f.currency', { required: true, maxLength: 3, placeholder: 'CNY', autoCapitalize: 'characters' })}
        {field('date', 'prices.fx.effectiveDate', { type: 'date', required: true })}
        {field('note', 'prices.fx.source', { placeholder: t('prices.fx.sourcePlaceholder') })}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('prices.fx.addButton')}
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
