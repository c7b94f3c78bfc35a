/**
 * The demo data, when it is in the ledger: said so, with "Remove demo data", which takes every
 * demo batch out in one step (asked once more first). Shown on the Imports screen and as an Overview card.
 */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { useT } from '../../ui/i18n';

export function DemoData({ as = 'section' }: { as?: 'section' | 'card' }) {
  const client = useApp((s) => s.client);
  const status = useApiData((c) => c.call('demo.status', {}), []);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const t = useT();
  async function remove() {
    if (!client) return;
    setBusy(true);
    try {
      const r = await client.call('demo.remove', {});
      setNotice({ text: t('imports.demo.removed', { batches: r.batches, rows: r.removed }), error: false });
    } catch (e) {
      setNotice({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  const loaded = status.value?.loaded === true;
  if (!loaded && !notice) return null;
  const Tag = as === 'card' ? 'article' : 'section';
  return (
    <Tag className={as === 'card' ? 'card demo-data' : 'demo-data'} aria-label={t('imports.demo.title')} data-testid="demo-data">
      {as === 'card' && <h2>{t('imports.demo.title')}</h2>}
      {loaded && (
        <p>
          {t('imports.demo.holds', { count: status.value?.batches ?? 0 })}
        </p>
      )}
      {loaded && !confirming && (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('imports.demo.removeAsk')}
        </button>
      )}
      {loaded && confirming && (
        <div role="alertdialog" aria-label={t('imports.demo.confirmTitle')} className="confirm">
          <p>{t('imports.demo.confirmText')}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
              {busy ? t('imports.demo.removing') : t('imports.demo.remove')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('imports.keepIt')}
            </button>
          </div>
        </div>
      )}
      {notice && (
        <p role={notice.error ? 'alert' : 'status'} className={notice.error ? 'error' : undefined}>
          {notice.text}
        </p>
      )}
    </Tag>
  );
}

/** The Overview's card (the shell lists it among the Overview's cards). */
export function DemoDataCard() {
  return <DemoData as="card" />;
}
