/** Create or edit a budget, with a live preview of its current period while editing. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { useApp } from '../../client/store';
import { timeZones } from '../../ui/choices';
import { AmountFields, EditorPreview, PeriodFields, ScopeFields, type PreviewState } from './budget-editor-fields';
import { definitionFrom, emptyForm, formFrom, type FormState, type ScopeKey } from './budget-form';
import { Field } from './field';
import { useT } from '../../ui/i18n';

export function Editor({ editing, onDone }: { editing: BudgetStatus | null; onDone: (id: number | null) => void }) {
  const { client, settings } = useApp();
  const [form, setForm] = useState<FormState>(() =>
    editing ? formFrom(editing.definition) : emptyForm(settings?.timeZone ?? 'UTC', settings?.weekStart ?? 'monday', settings?.displayCurrency ?? 'USD'),
  );
  const [preview, setPreview] = useState<PreviewState>({ status: null, error: null });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const zones = useMemo(() => timeZones(), []);
  const def = useMemo(() => definitionFrom(form), [form]);
  const ready = form.name.trim() !== '' && form.value.trim() !== '';

  useEffect(() => {
    if (!client || !ready) return;
    let live = true;
    const timer = setTimeout(() => {
      client.call('budgets.preview', { budget: def, ...(editing?.id ? { id: editing.id } : {}) }).then(
        (status) => live && setPreview({ status, error: null }),
        (e: unknown) => live && setPreview({ status: null, error: (e as Error).message }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, def, ready, editing?.id]);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setScope = (k: ScopeKey, v: string) => setForm((f) => ({ ...f, scope: { ...f.scope, [k]: v } }));

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
      <h2 id="editor-title">{editing ? t('budgets.edit', { name: editing.definition.name }) : t('budgets.new')}</h2>
      <form className="budget-editor" onSubmit={(e) => void save(e)}>
        <Field label={t('budgets.f.name')} className="wide">
          {(id) => <input id={id} value={form.name} onChange={(e) => set('name', e.target.value)} required />}
        </Field>
        <AmountFields form={form} set={set} />
        <PeriodFields form={form} set={set} zones={zones} />
        <ScopeFields form={form} set={set} setScope={setScope} />
        <EditorPreview preview={preview} ready={ready} />
        {saveError && (
          <p role="alert" className="error wide">
            {saveError}
          </p>
        )}
        <div className="toolbar wide">
          <button type="submit" className="primary" disabled={busy}>
            {editing ? t('budgets.saveChanges') : t('budgets.create')}
          </button>
          <button type="button" onClick={() => onDone(editing?.id ?? null)}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
