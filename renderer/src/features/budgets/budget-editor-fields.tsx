/** The budget editor's groups of fields: amount, period, scope and notes, and the live preview. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { TOKEN_CLASSES } from '../../../../shared/domain/fact';
import { CURRENCIES } from '../../ui/choices';
import { StateBadge } from './budget-bar';
import { Figures } from './budget-figures';
import { periodLabel } from './budget-format';
import { SCOPE_FIELDS, type FormState, type ScopeKey } from './budget-form';
import { ScopeInput } from './scope-input';
import { Field } from './field';
import { useT } from '../../ui/i18n';
import { CLASS_LABELS } from '../../ui/token-classes';

export interface FieldsProps {
  form: FormState;
  set<K extends keyof FormState>(k: K, v: FormState[K]): void;
}

export function AmountFields({ form, set }: FieldsProps) {
  const t = useT();
  return (
    <>
      <Field label={t('budgets.f.amountIn')}>
        {(id) => (
          <select id={id} value={form.unit} onChange={(e) => set('unit', e.target.value as FormState['unit'])}>
            <option value="money">{t('budgets.f.money')}</option>
            <option value="tokens">{t('budgets.f.tokens')}</option>
          </select>
        )}
      </Field>
      <Field label={t('budgets.f.amount')}>{(id) => <input id={id} inputMode="decimal" value={form.value} onChange={(e) => set('value', e.target.value)} required />}</Field>
      {form.unit === 'money' ? (
        <Field label={t('budgets.f.currency')}>
          {(id) => (
            <select id={id} value={form.currency} onChange={(e) => set('currency', e.target.value)}>
              {CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label={t('budgets.f.tokenClass')}>
          {(id) => (
            <select id={id} value={form.tokenClass} onChange={(e) => set('tokenClass', e.target.value)}>
              <option value="total">{t('budgets.f.allTokens')}</option>
              {TOKEN_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {t(CLASS_LABELS[c])}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('budgets.f.thresholds')}>{(id) => <input id={id} value={form.thresholds} onChange={(e) => set('thresholds', e.target.value)} />}</Field>
    </>
  );
}

export function PeriodFields({ form, set, zones }: FieldsProps & { zones: string[] }) {
  const t = useT();
  return (
    <>
      <Field label={t('budgets.f.period')}>
        {(id) => (
          <select id={id} value={form.kind} onChange={(e) => set('kind', e.target.value as FormState['kind'])}>
            <option value="month">{t('budgets.f.month')}</option>
            <option value="week">{t('budgets.f.week')}</option>
            <option value="quarter">{t('budgets.f.quarter')}</option>
            <option value="custom">{t('budgets.f.custom')}</option>
          </select>
        )}
      </Field>
      <Field label={t('settings.timeZone')}>
        {(id) => (
          <select id={id} value={form.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
            {(zones.includes(form.timeZone) ? zones : [form.timeZone, ...zones]).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        )}
      </Field>
      {form.kind === 'week' && (
        <Field label={t('settings.weekStart')}>
          {(id) => (
            <select id={id} value={form.weekStart} onChange={(e) => set('weekStart', e.target.value as FormState['weekStart'])}>
              <option value="monday">{t('settings.monday')}</option>
              <option value="sunday">{t('settings.sunday')}</option>
            </select>
          )}
        </Field>
      )}
      {form.kind === 'custom' && (
        <>
          <Field label={t('budgets.f.from')}>{(id) => <input id={id} type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />}</Field>
          <Field label={t('budgets.f.to')}>{(id) => <input id={id} type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />}</Field>
        </>
      )}
    </>
  );
}

/** Rollover, scope, webhook and notes. */
export function ScopeFields({ form, set, setScope }: FieldsProps & { setScope(k: ScopeKey, v: string): void }) {
  const t = useT();
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={form.rollover} onChange={(e) => set('rollover', e.target.checked)} />
        {t('budgets.f.rollover')}
      </label>
      <fieldset>
        <legend>{t('budgets.f.scope')}</legend>
        {SCOPE_FIELDS.map(([k, label, hint]) => (
          <label key={k}>
            {t(label)}
            <ScopeInput scopeKey={k} value={form.scope[k]} hint={hint} onChange={(v) => setScope(k, v)} />
          </label>
        ))}
      </fieldset>
      <Field label={t('budgets.f.webhook')} className="wide">
        {(id) => (
          <input id={id} type="url" value={form.webhookUrl} placeholder="https://hooks.example.com/budget" onChange={(e) => set('webhookUrl', e.target.value)} />
        )}
      </Field>
      <Field label={t('budgets.f.notes')} className="wide">
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
  const t = useT();
  return (
    <div className="preview" aria-live="polite" data-testid="budget-preview">
      <h3>{t('budgets.preview', { period: preview.status ? periodLabel(preview.status.period, t) : t('budgets.currentPeriod') })}</h3>
      {!ready ? (
        <p className="muted">{t('budgets.previewHint')}</p>
      ) : preview.error ? (
        <p className="error">{preview.error}</p>
      ) : preview.status ? (
        <>
          <StateBadge state={preview.status.state} />
          <Figures s={preview.status} />
        </>
      ) : (
        <p aria-busy="true">{t('budgets.computing')}</p>
      )}
    </div>
  );
}
