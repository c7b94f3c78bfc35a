/** One saved mapping profile in the list, with Remove asked once more in place. */
import { useEffect, useRef, useState } from 'react';
import type { MappingProfile } from '../../../../../shared/contract/api/mappings';
import { formatInteger } from '../../../ui/format';
import { useT, type T } from '../../../ui/i18n';

const SHOWN_COLUMNS = 4;

/** The header shortened: the first columns, then how many more. */
function shortHeader(header: readonly string[], t: T): string {
  const shown = header.slice(0, SHOWN_COLUMNS).join(', ');
  const more = header.length - SHOWN_COLUMNS;
  return more > 0 ? t('imports.map.andMore', { shown, more }) : shown;
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
  const t = useT();
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
        {t('imports.map.removeQuestion', { name: profile.name })}
      </p>
      <p id={`${id}-desc`}>
        {batches !== null && batches > 0 ? t('imports.map.removeExplainBatches', { count: batches }) : t('imports.map.removeExplain')}
      </p>
      <div className="actions">
        <button type="button" className="danger" ref={confirmRef} disabled={busy} onClick={onConfirm}>
          {busy ? t('imports.demo.removing') : t('imports.map.removeProfile')}
        </button>
        <button type="button" onClick={onKeep} disabled={busy}>
          {t('imports.keepIt')}
        </button>
      </div>
    </div>
  );
}

export function ProfileRow({
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
  const t = useT();
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
          <code>{shortHeader(p.header, t)}</code>
        </td>
        <td>{p.roles.provider}</td>
        <td className="num" data-batches={batches ?? undefined}>
          {batches === null ? '–' : formatInteger(batches)}
        </td>
        <td>
          <button type="button" ref={removeButton} onClick={() => setConfirming(true)} aria-label={t('imports.map.removeLabel', { name: p.name })} aria-expanded={confirming}>
            {t('imports.map.removeAsk')}
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
