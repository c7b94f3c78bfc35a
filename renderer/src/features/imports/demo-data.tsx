/**
 * The demo data, when it is in the ledger: said so, with "Remove demo data", which takes every
 * demo batch out in one step (asked once more first). Shown on the Imports screen and as an Overview card.
 */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { plural } from './import-phase';

export function DemoData({ as = 'section' }: { as?: 'section' | 'card' }) {
  const client = useApp((s) => s.client);
  const status = useApiData((c) => c.call('demo.status', {}), []);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  async function remove() {
    if (!client) return;
    setBusy(true);
    try {
      const r = await client.call('demo.remove', {});
      setNotice({ text: `Demo data removed: ${plural(r.batches, 'batch', 'batches')}, ${plural(r.removed, 'row')}.`, error: false });
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
    <Tag className={as === 'card' ? 'card demo-data' : 'demo-data'} aria-label="Demo data" data-testid="demo-data">
      {as === 'card' && <h2>Demo data</h2>}
      {loaded && (
        <p>
          This ledger holds demo data ({plural(status.value?.batches ?? 0, 'batch', 'batches')}, marked Demo in the import history).
        </p>
      )}
      {loaded && !confirming && (
        <button type="button" onClick={() => setConfirming(true)}>
          Remove demo data…
        </button>
      )}
      {loaded && confirming && (
        <div role="alertdialog" aria-label="Remove the demo data?" className="confirm">
          <p>Every demo batch leaves the ledger at once; your own imports stay.</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
              {busy ? 'Removing…' : 'Remove demo data'}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Keep it
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
