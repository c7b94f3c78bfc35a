/**
 * The saved column mapping profiles (issue 3, format 10) at the bottom of the Imports screen: each one's
 * name, the columns it expects, its provider and the batches imported with it, and Remove (asked once more
 * in place). Removing a profile keeps the facts it imported; files with its header are refused again.
 * Hidden while there are none.
 */
import { useEffect, useRef, useState } from 'react';
import type { MappingProfile } from '../../../shared/contract/api/mappings';
import type { ImportBatchInfo } from '../../../shared/contract/types';
import { formatInteger } from '../format';
import { useApp } from '../store';
import { useApiData } from '../use-api';

const SHOWN_COLUMNS = 4;

/** The header shortened: the first columns, then how many more. */
export function shortHeader(header: readonly string[]): string {
  const shown = header.slice(0, SHOWN_COLUMNS).join(', ');
  const more = header.length - SHOWN_COLUMNS;
  return more > 0 ? `${shown} and ${formatInteger(more)} more` : shown;
}

function batchesText(n: number): string {
  return `${formatInteger(n)} ${n === 1 ? 'batch' : 'batches'}`;
}

function RemoveConfirm({
  profile,
  batches,
  busy,
  onConfirm,
  onKeep,
}: {
  profile: MappingProfile;
  batches: number | null;
  busy: boolean;
  onConfirm(): void;
  onKeep(): void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const id = `remove-mapping-${profile.id}`;
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      className="confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onKeep();
      }}
    >
      <p id={`${id}-title`} className="confirm-title">
        Remove the profile “{profile.name}”?
      </p>
      <p id={`${id}-desc`}>
        {batches !== null && batches > 0 ? `The ${batchesText(batches)} imported with it and their facts stay` : 'The facts it imported stay'} in the
        ledger (undo a batch in the history to remove its facts). Files with its header are refused again until you map them anew.
      </p>
      <div className="actions">
        <button type="button" className="danger" ref={confirmRef} disabled={busy} onClick={onConfirm}>
          {busy ? 'Removing…' : 'Remove profile'}
        </button>
        <button type="button" onClick={onKeep} disabled={busy}>
          Keep it
        </button>
      </div>
    </div>
  );
}

function ProfileRow({
  profile: p,
  batches,
  onRemove,
}: {
  profile: MappingProfile;
  batches: number | null;
  onRemove(profile: MappingProfile): Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  function keep() {
    setConfirming(false);
    removeButton.current?.focus();
  }
  async function confirm() {
    setBusy(true);
    try {
      await onRemove(p);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <>
      <tr data-testid="mapping-profile" data-profile={p.id}>
        <th scope="row">{p.name}</th>
        <td className="mapping-columns">
          <code>{shortHeader(p.header)}</code>
        </td>
        <td>{p.roles.provider}</td>
        <td className="num" data-batches={batches ?? undefined}>
          {batches === null ? '–' : formatInteger(batches)}
        </td>
        <td>
          <button type="button" ref={removeButton} onClick={() => setConfirming(true)} aria-label={`Remove the profile ${p.name}`} aria-expanded={confirming}>
            Remove…
          </button>
        </td>
      </tr>
      {confirming && (
        <tr className="confirm-row">
          <td colSpan={5}>
            <RemoveConfirm profile={p} batches={batches} busy={busy} onConfirm={() => void confirm()} onKeep={keep} />
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * `batches` (from imports.list, when loaded) gives each profile's count of committed batches;
 * `refreshKey` reloads the profiles (the screen passes what changes when one may have been saved).
 */
export function ImportMappingList({ batches, refreshKey }: { batches: readonly ImportBatchInfo[] | undefined; refreshKey?: unknown }) {
  const client = useApp((s) => s.client);
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const data = useApiData((c) => c.call('mappings.list', {}), [tick, refreshKey, batches?.length ?? -1]);
  const profiles = data.value ?? [];

  const counts = new Map<string, number>();
  for (const b of batches ?? []) if (b.status === 'committed') counts.set(b.format, (counts.get(b.format) ?? 0) + 1);
  const batchCount = (p: MappingProfile) => (batches ? (counts.get(p.formatId) ?? 0) : null);

  async function remove(p: MappingProfile) {
    if (!client) return;
    try {
      await client.call('mappings.remove', { id: p.id });
      setNotice({ text: `Profile “${p.name}” removed. The facts it imported stay; files with its header are refused again.`, error: false });
      headingRef.current?.focus();
    } catch (e) {
      setNotice({ text: (e as Error).message, error: true });
    } finally {
      setTick((t) => t + 1);
    }
  }

  if (profiles.length === 0 && !notice && data.state !== 'error') return null;
  return (
    <section aria-labelledby="mapping-list-title" className="import-history-section" data-testid="mapping-list">
      <h2 id="mapping-list-title" ref={headingRef} tabIndex={-1} className="section-title">
        Saved column mappings
      </h2>
      {notice && (
        <p className={notice.error ? 'banner error-banner' : 'banner ok'} role={notice.error ? 'alert' : 'status'} data-testid="mapping-list-notice">
          {notice.text}
        </p>
      )}
      {data.state === 'error' && (
        <p role="alert" className="error">
          {data.error.message}
        </p>
      )}
      {profiles.length > 0 ? (
        <>
          <p className="muted">Files whose header matches a profile are imported with it by themselves.</p>
          <div className="table-scroll">
            <table className="import-table" aria-label="Saved column mappings">
              <thead>
                <tr>
                  <th scope="col">Profile</th>
                  <th scope="col">Columns expected</th>
                  <th scope="col">Provider</th>
                  <th scope="col" className="num">
                    Batches
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {profiles.map((p) => (
                  <ProfileRow key={p.id} profile={p} batches={batchCount(p)} onRemove={remove} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">No saved column mappings.</p>
      )}
    </section>
  );
}
