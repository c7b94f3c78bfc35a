/**
 * An id the exports carry (a project, key, member or account) shown by the user's display name, with the
 * id in its tooltip, and an inline rename: ✎ opens a field, Enter saves (empty: back to the id), Escape
 * keeps the old name. Saving tells the engine (names.set / names.remove); the screen reloads on the
 * ledger change that follows. A key that stands for several ids (ids named alike are one row) lists them
 * in its tooltip, and a rename renames them all, so the row stays one.
 */
import { useState, type ReactNode } from 'react';
import type { NameIds, NameMap } from '../../../shared/contract/api/names';
import { useApp } from '../client/store';
import { NAMED_DIMENSIONS, displayName, type NamedDimension } from '../../../shared/domain/names';
import { useT } from './i18n';

export const isNamedDimension = (d: string): d is NamedDimension => (NAMED_DIMENSIONS as readonly string[]).includes(d);

/** A dimension whose ids are shown by a name: the user's (project, key, member, account) or the machine's own. */
export const showsNames = (d: string): boolean => isNamedDimension(d) || d === 'machine';

/** The display name of an id, or the id (and `fallback` for no id). */
export function nameOf(names: NameMap | undefined, dimension: string, id: string | null, fallback: string): string {
  if (id === null) return fallback;
  return showsNames(dimension) ? displayName(names, dimension, id) : id;
}

export function NamedKey({
  dimension,
  id,
  names,
  fallback,
  ids,
  children,
}: {
  dimension: string;
  id: string | null;
  names: NameMap | undefined;
  fallback: string;
  /** The ids each key stands for where more than itself (the report's `ids`). */
  ids?: NameIds | undefined;
  /** What to draw for the name (a drill-down button, say); default: the name as text. */
  children?: (text: string) => ReactNode;
}) {
  const client = useApp((s) => s.client);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const text = nameOf(names, dimension, id, fallback);
  if (id === null || !isNamedDimension(dimension)) return <>{children ? children(text) : text}</>;
  const named = text !== id;
  const members = ids?.[dimension]?.[id] ?? [id];
  const title = members.length > 1 ? t('app.name.ids', { count: members.length, ids: members.join(', ') }) : named || members[0] !== id ? members[0] : undefined;
  async function save() {
    if (!client || id === null || !isNamedDimension(dimension)) return;
    const name = draft.trim();
    try {
      for (const value of new Set([id, ...members])) {
        if (name === '') await client.call('names.remove', { dimension, value });
        else await client.call('names.set', { dimension, value, name });
      }
      setEditing(false);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  if (editing) {
    return (
      <span className="named-key editing">
        <input
          aria-label={t('app.name.displayNameFor', { id })}
          value={draft}
          placeholder={id}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
            if (e.key === 'Escape') setEditing(false);
          }}
        />
        <button type="button" onClick={() => void save()}>
          {t('app.save')}
        </button>
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </span>
    );
  }
  return (
    <span className="named-key" title={title} data-id={id} data-ids={members.length > 1 ? members.join(' ') : undefined}>
      {children ? children(text) : text}
      <button
        type="button"
        className="rename link"
        aria-label={t('app.name.rename', { name: text })}
        onClick={() => {
          setDraft(named ? text : '');
          setEditing(true);
        }}
      >
        ✎
      </button>
    </span>
  );
}
