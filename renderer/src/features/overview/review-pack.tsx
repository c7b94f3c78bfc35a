/**
 * "Monthly review pack": the shown month's PDF and CSVs (review.pack), saved as one zip through the
 * window's download (the desktop app asks where to save it, a browser puts it in its downloads), so
 * the engine writes no file and the browser host takes no path. The zip's code (fflate) is fetched on the
 * first click, not with the Overview's.
 */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { downloadBlob } from '../../ui/files';
import { useLocale, useT } from '../../ui/i18n';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function ReviewPackButton({ month }: { month: string }) {
  const client = useApp((s) => s.client);
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const make = async () => {
    if (!client) return;
    setBusy(true);
    setMessage(null);
    try {
      const zipper = import('fflate');
      const pack = await client.call('review.pack', { month, locale });
      const { zipSync } = await zipper;
      // The files carry the instant the pack was made (the engine's clock), not the time of the download.
      const mtime = new Date(pack.generatedAt);
      const zip = zipSync(Object.fromEntries(pack.files.map((f) => [f.name, [bytesOf(f.base64), { mtime }]])));
      const name = `review-${pack.month}.zip`;
      downloadBlob(name, new Blob([zip.slice().buffer], { type: 'application/zip' }));
      const csvs = pack.files.filter((f) => f.mediaType === 'text/csv').length;
      setMessage({ text: t('overview.reviewPack.saved', { name, csvs, from: pack.from, to: pack.to }), error: false });
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="review-pack">
      <button type="button" disabled={!client || busy} aria-busy={busy} onClick={() => void make()}>
        {t('overview.reviewPack.button')}
      </button>{' '}
      {message && (
        <span role={message.error ? 'alert' : 'status'} data-testid="review-pack-message" className={message.error ? 'error' : 'muted'}>
          {message.text}
        </span>
      )}
    </p>
  );
}
