/**
 * Budgets: each budget's current period with a status bar and forecast; create / edit / delete with a
 * live preview of the current period while editing; the history of past periods; alerts; the team's
 * JSON file in and out.
 */
import { useRef, useState } from 'react';
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { navigate } from '../../client/route';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { downloadText } from '../../ui/files';
import { AlertsPanel } from './alerts-panel';
import { Detail } from './budget-detail';
import { Editor } from './budget-editor';
import { BudgetList } from './budget-list';
import { useT } from '../../ui/i18n';

function Toolbar({ canExport, onNew, onExport, onImport }: { canExport: boolean; onNew(): void; onExport(): void; onImport(f: File): void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const t = useT();
  return (
    <div className="toolbar">
      <button type="button" className="primary" onClick={onNew}>
        {t('budgets.new')}
      </button>
      <button type="button" onClick={onExport} disabled={!canExport}>
        {t('budgets.exportJson')}
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        {t('budgets.importJson')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={t('budgets.importFile')}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onImport(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}

export function BudgetsScreen() {
  const { client, route } = useApp();
  const list = useApiData((c) => c.call('budgets.list', {}), []);
  const [editing, setEditing] = useState<BudgetStatus | 'new' | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const selected = Number(route.params.get('id')) || null;
  const wantsNew = route.params.get('new') === '1';
  const budgets = list.value;
  const t = useT();

  // `#/budgets?new=1` (the Overview's "Set one" link) opens the editor.
  const shown: BudgetStatus | 'new' | null = editing ?? (wantsNew ? 'new' : null);

  async function remove(s: BudgetStatus) {
    if (!client || s.id === null) return;
    if (!window.confirm(t('budgets.confirmDelete', { name: s.definition.name }))) return;
    try {
      await client.call('budgets.remove', { id: s.id });
      setMessage({ text: t('budgets.deleted', { name: s.definition.name }), error: false });
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
      setMessage({ text: t('budgets.imported', { file: f.name, added: r.added, updated: r.updated }), error: false });
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
      <h1 id="screen-title">{t('app.screen.budgets')}</h1>
      <Toolbar
        canExport={!!budgets && budgets.length > 0}
        onNew={() => setEditing('new')}
        onExport={() => void exportFile()}
        onImport={(f) => void importFile(f)}
      />
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
          <BudgetList budgets={budgets} selected={selected} editorOpen={!!shown} onEdit={setEditing} onRemove={(s) => void remove(s)} />
          {selected !== null && budgets?.some((b) => b.id === selected) && <Detail id={selected} />}
        </div>
        <AlertsPanel />
      </div>
    </section>
  );
}
