/** The budget editor's groups of fields: amount, period, scope and notes, and the live preview. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { TOKEN_CLASSES } from '../../../../shared/domain/fact';
import { CURRENCIES } from '../../ui/choices';
import { StateBadge } from './budget-bar';
import { Figures } from './budget-figures';
import { SCOPE_FIELDS, type FormState, type ScopeKey } from './budget-form';
import { ScopeInput } from './scope-input';
import { Field } from './field';

export interface FieldsProps {
  form: FormState;
  set<K extends keyof FormState>(k: K, v: FormState[K]): void;
}

export function AmountFields({ form, set }: FieldsProps) {
  return (
    <>
      <Field label="Amount in">
        {(id) => (
          <select id={id} value={form.unit} onChange={(e) => set('unit', e.target.value as FormState['unit'])}>
            <option value="money">Money</option>
            <option value="tokens">Tokens</option>
          </select>
        )}
      </Field>
      <Field label="Amount">{(id) => <input id={id} inputMode="decimal" value={form.value} onChange={(e) => set('value', e.target.value)} required />}</Field>
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
      <Field label="Thresholds (%)">{(id) => <input id={id} value={form.thresholds} onChange={(e) => set('thresholds', e.target.value)} />}</Field>
    </>
  );
}

export function PeriodFields({ form, set, zones }: FieldsProps & { zones: string[] }) {
  return (
    <>
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
          <Field label="From">{(id) => <input id={id} type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />}</Field>
          <Field label="To">{(id) => <input id={id} type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />}</Field>
        </>
      )}
    </>
  );
}

/** Rollover, scope, webhook and notes. */
export function ScopeFields({ form, set, setScope }: FieldsProps & { setScope(k: ScopeKey, v: string): void }) {
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={form.rollover} onChange={(e) => set('rollover', e.target.checked)} />
        Roll the unspent part into the next period
      </label>
      <fieldset>
        <legend>Scope (comma-separated; empty = everything)</legend>
        {SCOPE_FIELDS.map(([k, label, hint]) => (
          <label key={k}>
            {label}
            <ScopeInput scopeKey={k} value={form.scope[k]} hint={hint} onChange={(v) => setScope(k, v)} />
          </label>
        ))}
      </fieldset>
      <Field label="Webhook URL (optional: each alert is POSTed as JSON)" className="wide">
        {(id) => (
          <input id={id} type="url" value={form.webhookUrl} placeholder="https://hooks.example.com/budget" onChange={(e) => set('webhookUrl', e.target.value)} />
        )}
      </Field>
      <Field label="Notes" className="wide">
        {(id) => <textarea id={id} rows={2} value={form.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
    </>
  );
}

export interface PreviewState {
  status: BudgetStatus | null;
  error: string | null;
}

/** The current period as the budget being edited would see it. */
export function EditorPreview({ preview, ready }: { preview: PreviewState; ready: boolean }) {
  return (
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
  );
}
