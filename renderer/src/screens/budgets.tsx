/**
 * Budgets (issue 6): each budget's current period with a status bar and forecast; create / edit / delete
 * with a live preview of the current period while editing; the history of past periods; alerts; the
 * team's JSON file in and out.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { BudgetDetail, BudgetStatus } from '../../../shared/contract/api/budgets';
import type { BudgetDefinition, BudgetDefinitionInput } from '../../../shared/domain/budgets/budget';
import { TOKEN_CLASSES } from '../../../shared/domain/fact';
import { navigate, useApp } from '../store';
import { useApiData } from '../use-api';
import { formatInteger } from '../format';
import { downloadText } from '../components/download';
import { BudgetBar, StateBadge, forecastSentence, formatBudgetValue, formatPercent } from '../components/budget-widgets';

const CURRENCIES = ['USD', 'EUR', 'CNY', 'GBP', 'JPY'];
const SCOPE_FIELDS = [
  ['providers', 'Providers', 'openai, anthropic'],
  ['vendors', 'Vendors', 'openai, deepseek'],
  ['regions', 'Origin regions', 'US, CN, EU, other'],
  ['models', 'Models or families', 'gpt-4o, claude-sonnet-4'],
  ['projects', 'Projects', 'proj-web'],
  ['apiKeys', 'API keys', 'svc-support'],
  ['members', 'Members', 'maria.rossi'],
  ['tags', 'Tags', 'team_id=team-7f3a'],
] as const;
type ScopeKey = (typeof SCOPE_FIELDS)[number][0];

interface FormState {
  name: string;
  unit: 'money' | 'tokens';
  value: string;
  currency: string;
  tokenClass: string;
  kind: 'month' | 'week' | 'quarter' | 'custom';
  from: string;
  to: string;
  timeZone: string;
  weekStart: 'monday' | 'sunday';
  thresholds: string;
  rollover: boolean;
  notes: string;
  webhookUrl: string;
  scope: Record<ScopeKey, string>;
}

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}

function emptyForm(tz: string, weekStart: 'monday' | 'sunday', currency: string): FormState {
  return {
    name: '',
    unit: 'money',
    value: '',
    currency,
    tokenClass: 'total',
    kind: 'month',
    from: '',
    to: '',
    timeZone: tz,
    weekStart,
    thresholds: '50, 80, 100',
    rollover: false,
    notes: '',
    webhookUrl: '',
    scope: { providers: '', vendors: '', regions: '', models: '', projects: '', apiKeys: '', members: '', tags: '' },
  };
}

function formFrom(def: BudgetDefinition): FormState {
  return {
    name: def.name,
    unit: def.amount.unit,
    value: String(def.amount.value),
    currency: def.amount.unit === 'money' ? def.amount.currency : 'USD',
    tokenClass: def.amount.unit === 'tokens' ? def.amount.tokenClass : 'total',
    kind: def.period.kind,
    from: def.period.from ?? '',
    to: def.period.to ?? '',
    timeZone: def.period.timeZone,
    weekStart: def.period.weekStart,
    thresholds: def.thresholds.join(', '),
    rollover: def.rollover,
    notes: def.notes,
    webhookUrl: def.webhookUrl ?? '',
    scope: Object.fromEntries(SCOPE_FIELDS.map(([k]) => [k, def.scope[k].join(', ')])) as Record<ScopeKey, string>,
  };
}

const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function definitionFrom(f: FormState): BudgetDefinitionInput {
  return {
    name: f.name,
    amount:
      f.unit === 'money'
        ? { unit: 'money', value: f.value.trim(), currency: f.currency }
        : { unit: 'tokens', value: Number(f.value.replace(/[,_\s]/g, '')), tokenClass: f.tokenClass as 'total' },
    period: {
      kind: f.kind,
      timeZone: f.timeZone,
      weekStart: f.weekStart,
      ...(f.kind === 'custom' ? { from: f.from, to: f.to } : {}),
    },
    thresholds: split(f.thresholds).map(Number),
    rollover: f.rollover,
    notes: f.notes,
    webhookUrl: f.webhookUrl.trim() || null,
    scope: Object.fromEntries(SCOPE_FIELDS.map(([k]) => [k, split(f.scope[k])])) as BudgetDefinitionInput['scope'],
  };
}

/** A label tied to its control by id (a label wrapped around a select would take the options into its name). */
function Field({ label, className, children }: { label: string; className?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function Figures({ s }: { s: BudgetStatus }) {
  return (
    <>
      <BudgetBar status={s} />
      <div className="budget-figures">
        <span>
          Spent <strong data-testid="budget-spent">{formatBudgetValue(s, s.spent)}</strong> of {formatBudgetValue(s, s.amount)} (
          {formatPercent(s.sharePercent)})
        </span>
        <span>
          {Number(s.remaining) >= 0 ? 'Remaining' : 'Over by'} {formatBudgetValue(s, s.remaining.replace(/^-/, ''))}
        </span>
        {s.rolledOver !== '0' && !/^0(\.0+)?$/.test(s.rolledOver) && <span>incl. {formatBudgetValue(s, s.rolledOver)} rolled over</span>}
      </div>
      <p className="muted">{forecastSentence(s)}</p>
      {s.forecast.status !== 'insufficient' && s.forecast.notes.map((n) => <p key={n} className="muted">{n}</p>)}
      {s.unpriced.facts > 0 && (
        <p className="banner warn" role="status">
          {formatInteger(s.unpriced.tokens)} tokens in scope have no price ({s.unpriced.models.join(', ')}): not counted in spent.
        </p>
      )}
      {s.fx.length > 0 && (
        <p className="muted">
          Converted at {s.fx.map((r) => `1 ${r.from} = ${r.rate} ${r.to}${r.rateDate ? ` (rate of ${r.rateDate})` : ''}`).join('; ')}.
        </p>
      )}
      {s.fxMissing.length > 0 && (
        <p className="banner warn" role="status">
          No FX rate from {s.fxMissing.join(', ')} to {s.currency}: that spend is left out.
        </p>
      )}
    </>
  );
}

function Editor({ editing, onDone }: { editing: BudgetStatus | null; onDone: (id: number | null) => void }) {
  const { client, settings } = useApp();
  const [form, setForm] = useState<FormState>(() =>
    editing ? formFrom(editing.definition) : emptyForm(settings?.timeZone ?? 'UTC', settings?.weekStart ?? 'monday', settings?.displayCurrency ?? 'USD'),
  );
  const [preview, setPreview] = useState<{ status: BudgetStatus | null; error: string | null }>({ status: null, error: null });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones(), []);
  const def = useMemo(() => definitionFrom(form), [form]);
  const ready = form.name.trim() !== '' && form.value.trim() !== '';

  useEffect(() => {
    if (!client || !ready) return;
    let live = true;
    const t = setTimeout(() => {
      client.call('budgets.preview', { budget: def, ...(editing?.id ? { id: editing.id } : {}) }).then(
        (status) => live && setPreview({ status, error: null }),
        (e: unknown) => live && setPreview({ status: null, error: (e as Error).message }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, def, ready, editing?.id]);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!client) return;
    setBusy(true);
    setSaveError(null);
    try {
      const s = editing?.id ? await client.call('budgets.update', { id: editing.id, budget: def }) : await client.call('budgets.create', { budget: def });
      onDone(s.id);
    } catch (err) {
      setSaveError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="editor-title">
      <h2 id="editor-title">{editing ? `Edit ${editing.definition.name}` : 'New budget'}</h2>
      <form className="budget-editor" onSubmit={(e) => void save(e)}>
        <Field label="Name" className="wide">
          {(id) => (
            <input id={id} value={form.name} onChange={(e) => set('name', e.target.value)} required />
          )}
        </Field>
        <Field label="Amount in">
          {(id) => (
            <select id={id} value={form.unit} onChange={(e) => set('unit', e.target.value as FormState['unit'])}>
            <option value="money">Money</option>
            <option value="tokens">Tokens</option>
          </select>
          )}
        </Field>
        <Field label="Amount">
          {(id) => (
            <input id={id} inputMode="decimal" value={form.value} onChange={(e) => set('value', e.target.value)} required />
          )}
        </Field>
        {form.unit === 'money' ? (
          <Field label="Currency">
            {(id) => (
              <select id={id} value={form.currency} onChange={(e) => set('currency', e.target.value)}>
              {CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
            )}
          </Field>
        ) : (
          <Field label="Token class">
            {(id) => (
              <select id={id} value={form.tokenClass} onChange={(e) => set('tokenClass', e.target.value)}>
              <option value="total">All tokens</option>
              {TOKEN_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {c.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
            )}
          </Field>
        )}
        <Field label="Thresholds (%)">
          {(id) => (
            <input id={id} value={form.thresholds} onChange={(e) => set('thresholds', e.target.value)} />
          )}
        </Field>
        <Field label="Period">
          {(id) => (
            <select id={id} value={form.kind} onChange={(e) => set('kind', e.target.value as FormState['kind'])}>
            <option value="month">Calendar month</option>
            <option value="week">Week</option>
            <option value="quarter">Quarter</option>
            <option value="custom">Custom range</option>
          </select>
          )}
        </Field>
        <Field label="Time zone">
          {(id) => (
            <select id={id} value={form.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
            {(zones.includes(form.timeZone) ? zones : [form.timeZone, ...zones]).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
          )}
        </Field>
        {form.kind === 'week' && (
          <Field label="Week starts on">
            {(id) => (
              <select id={id} value={form.weekStart} onChange={(e) => set('weekStart', e.target.value as FormState['weekStart'])}>
              <option value="monday">Monday</option>
              <option value="sunday">Sunday</option>
            </select>
            )}
          </Field>
        )}
        {form.kind === 'custom' && (
          <>
            <Field label="From">
              {(id) => (
                <input id={id} type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />
              )}
            </Field>
            <Field label="To">
              {(id) => (
                <input id={id} type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />
              )}
            </Field>
          </>
        )}
        <label className="check">
          <input type="checkbox" checked={form.rollover} onChange={(e) => set('rollover', e.target.checked)} />
          Roll the unspent part into the next period
        </label>
        <fieldset>
          <legend>Scope (comma-separated; empty = everything)</legend>
          {SCOPE_FIELDS.map(([k, label, hint]) => (
            <label key={k}>
              {label}
              <input value={form.scope[k]} placeholder={hint} onChange={(e) => setForm((f) => ({ ...f, scope: { ...f.scope, [k]: e.target.value } }))} />
            </label>
          ))}
        </fieldset>
        <Field label="Webhook URL (optional: each alert is POSTed as JSON)" className="wide">
          {(id) => (
            <input id={id} type="url" value={form.webhookUrl} placeholder="https://hooks.example.com/budget" onChange={(e) => set('webhookUrl', e.target.value)} />
          )}
        </Field>
        <Field label="Notes" className="wide">
          {(id) => (
            <textarea id={id} rows={2} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
          )}
        </Field>
        <div className="preview" aria-live="polite" data-testid="budget-preview">
          <h3>Preview: {preview.status ? preview.status.period.label : 'current period'}</h3>
          {!ready ? (
            <p className="muted">Give a name and an amount to see this period's status.</p>
          ) : preview.error ? (
            <p className="error">{preview.error}</p>
          ) : preview.status ? (
            <>
              <StateBadge state={preview.status.state} />
              <Figures s={preview.status} />
            </>
          ) : (
            <p aria-busy="true">Computing…</p>
          )}
        </div>
        {saveError && (
          <p role="alert" className="error wide">
            {saveError}
          </p>
        )}
        <div className="toolbar wide">
          <button type="submit" className="primary" disabled={busy}>
            {editing ? 'Save changes' : 'Create budget'}
          </button>
          <button type="button" onClick={() => onDone(editing?.id ?? null)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function Detail({ id }: { id: number }) {
  const data = useApiData<BudgetDetail>((c) => c.call('budgets.get', { id }), [id]);
  const d = data.value;
  if (!d) return <p aria-busy={data.state === 'loading'}>{data.state === 'error' ? data.error.message : 'Loading…'}</p>;
  return (
    <section className="card budget-detail" aria-labelledby="detail-title" data-testid="budget-detail">
      <h2 id="detail-title">History of {d.definition.name}</h2>
      <table className="history">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Spent</th>
            <th scope="col">Budget</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {[...d.history].reverse().map((h) => (
            <tr key={h.key}>
              <th scope="row">
                {h.label}
                {h.current ? ' (now)' : ''}
              </th>
              <td>{formatBudgetValue(d, h.spent)}</td>
              <td>{formatBudgetValue(d, h.amount)}</td>
              <td className={h.state === 'over' ? 'error' : undefined}>{formatPercent(h.sharePercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Alerts</h3>
      {d.alerts.length === 0 ? (
        <p className="muted">No alert has fired for this budget.</p>
      ) : (
        <ul className="alerts-list">
          {d.alerts.map((a) => (
            <li key={a.id}>
              {a.message}
              <time dateTime={a.firedAt}>{new Date(a.firedAt).toLocaleString()}</time>
            </li>
          ))}
        </ul>
      )}
      {d.definition.webhookUrl && (
        <>
          <h3>Webhook deliveries</h3>
          {d.deliveries.length === 0 ? (
            <p className="muted">Nothing sent yet to {d.definition.webhookUrl}.</p>
          ) : (
            <ul className="alerts-list" data-testid="deliveries">
              {d.deliveries.map((x) => (
                <li key={x.id} className={x.status === 'failed' ? 'error' : undefined}>
                  Attempt {x.attempt}: {x.status}
                  {x.httpStatus !== null ? ` (HTTP ${x.httpStatus})` : ''}
                  {x.error ? `: ${x.error}` : ''}
                  <time dateTime={x.startedAt}>{new Date(x.startedAt).toLocaleString()}</time>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function AlertsPanel() {
  const client = useApp((s) => s.client);
  const [tick, setTick] = useState(0);
  const data = useApiData((c) => c.call('alerts.list', { limit: 50 }), [tick]);
  useEffect(() => {
    if (!client) return;
    return client.on('alerts.changed', () => setTick((t) => t + 1));
  }, [client]);
  const v = data.value;
  async function markAll() {
    if (!client) return;
    await client.call('alerts.markRead', {});
    setTick((t) => t + 1);
  }
  return (
    <section className="card" aria-labelledby="alerts-title" data-testid="alerts-panel">
      <div className="budget-head">
        <h2 id="alerts-title">Alerts{v && v.active > 0 ? ` (${v.active} unread)` : ''}</h2>
        {v && v.active > 0 && (
          <div className="actions">
            <button type="button" onClick={() => void markAll()}>
              Mark all read
            </button>
          </div>
        )}
      </div>
      {!v ? (
        <p className="muted">Loading…</p>
      ) : v.alerts.length === 0 ? (
        <p className="muted">No alerts yet. Each threshold fires once per period, and a forecast over 100 % warns before it happens.</p>
      ) : (
        <ul className="alerts-list">
          {v.alerts.map((a) => (
            <li key={a.id} className={a.read ? undefined : 'unread'}>
              <a href={`#/budgets?id=${a.budgetId}`}>{a.message}</a>
              <time dateTime={a.firedAt}>{new Date(a.firedAt).toLocaleString()}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function BudgetsScreen() {
  const { client, route } = useApp();
  const list = useApiData((c) => c.call('budgets.list', {}), []);
  const [editing, setEditing] = useState<BudgetStatus | 'new' | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const selected = Number(route.params.get('id')) || null;
  const wantsNew = route.params.get('new') === '1';
  const budgets = list.value;

  // `#/budgets?new=1` (the Overview's "Set one" link) opens the editor.
  const shown: BudgetStatus | 'new' | null = editing ?? (wantsNew ? 'new' : null);

  async function remove(s: BudgetStatus) {
    if (!client || s.id === null) return;
    if (!window.confirm(`Delete the budget "${s.definition.name}" and its alerts?`)) return;
    try {
      await client.call('budgets.remove', { id: s.id });
      setMessage({ text: `Deleted ${s.definition.name}.`, error: false });
      useApp.getState().bump();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    }
  }

  async function exportFile() {
    if (!client) return;
    const file = await client.call('budgets.export', {});
    downloadText('tokenledger-budgets.json', JSON.stringify(file, null, 2) + '\n', 'application/json');
  }

  async function importFile(f: File) {
    if (!client) return;
    try {
      const r = await client.call('budgets.import', { file: JSON.parse(await f.text()) as never });
      setMessage({ text: `Imported ${f.name}: ${r.added} added, ${r.updated} updated.`, error: false });
      useApp.getState().bump();
    } catch (e) {
      setMessage({ text: `${f.name}: ${(e as Error).message}`, error: true });
    }
  }

  function done(id: number | null) {
    setEditing(null);
    useApp.getState().bump();
    navigate('budgets', id ? { id: String(id) } : undefined);
  }

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Budgets</h1>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New budget
        </button>
        <button type="button" onClick={() => void exportFile()} disabled={!budgets || budgets.length === 0}>
          Export JSON
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import JSON…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Budgets file to import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f);
            e.target.value = '';
          }}
        />
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
      {list.state === 'error' && (
        <p role="alert" className="error">
          {list.error.message}
        </p>
      )}
      <div className="budget-layout">
        <div>
          {shown && <Editor key={shown === 'new' ? 'new' : shown.id} editing={shown === 'new' ? null : shown} onDone={done} />}
          {!budgets ? (
            <p aria-busy="true">Loading…</p>
          ) : budgets.length === 0 ? (
            !shown && (
              <div className="empty">
                <h2>No budgets yet</h2>
                <p>
                  Set a monthly budget for the team, a project or a person, in money or in tokens. Token Ledger forecasts the period end from the
                  run rate and warns at 50, 80 and 100 %, and before a forecast says you will be over.
                </p>
              </div>
            )
          ) : (
            <ul className="budget-list" aria-label="Budgets">
              {budgets.map((s) => (
                <li key={s.id} className="budget-item" aria-current={s.id === selected ? 'true' : undefined} data-testid="budget-item">
                  <div className="budget-head">
                    <h2>
                      <a href={`#/budgets?id=${s.id}`}>{s.definition.name}</a>
                    </h2>
                    <StateBadge state={s.state} />
                    <div className="actions">
                      <button type="button" onClick={() => setEditing(s)} aria-label={`Edit ${s.definition.name}`}>
                        Edit
                      </button>
                      <button type="button" onClick={() => void remove(s)} aria-label={`Delete ${s.definition.name}`}>
                        Delete
                      </button>
                    </div>
                  </div>
                  <p className="muted budget-meta">
                    {s.period.label} · {s.scopeLabel} · {s.period.timeZone}
                    {s.definition.rollover ? ' · rollover' : ''}
                  </p>
                  <Figures s={s} />
                </li>
              ))}
            </ul>
          )}
          {selected !== null && budgets?.some((b) => b.id === selected) && <Detail id={selected} />}
        </div>
        <AlertsPanel />
      </div>
    </section>
  );
}
