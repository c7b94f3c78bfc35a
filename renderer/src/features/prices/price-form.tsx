/** Add or override a model's price, with a preview of the estimates it changes before saving. */
import { useState, type FormEvent } from 'react';
import type { PriceChangeResult } from '../../../../shared/contract/api/prices';
import { useEngineDay } from '../../client/engine-now';
import { useApp } from '../../client/store';
import { CLASSES } from './price-classes';
import { RecomputeTable } from './recompute-table';
import { useT } from '../../ui/i18n';
import type { MessageId } from '../../../../shared/i18n';

const TIERS = ['standard', 'batch', 'flex', 'priority'] as const;
type Tier = (typeof TIERS)[number];

/** The tier a link asked for ('standard' when none or an unknown one). */
export function tierOf(v: string | null | undefined): Tier {
  return TIERS.find((t) => t === v) ?? 'standard';
}

export function PriceForm({ model, route = 'direct', tier = 'standard' }: { model: string; route?: string; tier?: Tier }) {
  const client = useApp((s) => s.client);
  // "In force from" defaults to the engine's day (never the window's clock) until one is typed.
  const engineDay = useEngineDay();
  const [typed, setForm] = useState({ model, route, tier: tier as Tier, currency: 'USD', from: '', to: '', note: '' });
  const form = { ...typed, from: typed.from || engineDay };
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [result, setResult] = useState<PriceChangeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();
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
        tier: form.tier,
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
  const field = (key: Exclude<keyof typeof form, 'tier'>, label: MessageId, type = 'text') => (
    <label>
      {t(label)}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section aria-labelledby="override-title" className="card wide">
      <h2 id="override-title">{t('prices.form.title')}</h2>
      <p className="muted">{t('prices.form.intro')}</p>
      <form className="settings" onSubmit={(e) => void submit(true, e)}>
        {field('model', 'explore.dim.model')}
        {field('route', 'tips.ev.route')}
        <label>
          {t('prices.form.tier')}
          <select value={form.tier} onChange={(e) => setForm({ ...form, tier: tierOf(e.target.value) })}>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {x === 'standard' ? t('prices.form.tierStandard') : t('prices.form.tierOnly', { tier: x })}
              </option>
            ))}
          </select>
        </label>
        {field('currency', 'budgets.f.currency')}
        {field('from', 'prices.form.from', 'date')}
        {field('to', 'prices.form.to', 'date')}
        {CLASSES.map(([k, label]) => (
          <label key={k}>
            {t('prices.form.perM', { label: t(label) })}
            <input inputMode="decimal" value={prices[k] ?? ''} onChange={(e) => setPrices({ ...prices, [k]: e.target.value })} />
          </label>
        ))}
        {field('note', 'prices.form.note')}
        <div className="actions">
          <button type="submit" disabled={busy}>{t('prices.form.preview')}</button>{' '}
          <button type="button" className="primary" disabled={busy || !result || result.applied} onClick={() => void submit(false)}>
            {t('prices.form.save')}
          </button>
        </div>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <div data-testid="override-result">
          {result.applied && <p role="status">{t('prices.form.saved', { id: result.overrideId })}</p>}
          <RecomputeTable r={result.recompute} applied={result.applied} />
        </div>
      )}
    </section>
  );
}
