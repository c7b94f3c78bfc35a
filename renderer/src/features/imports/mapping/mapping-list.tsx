/**
 * The saved column mapping profiles at the bottom of the Imports screen: each one's name, the columns it
 * expects, its provider and the batches imported with it, and Remove (asked once more in place). Removing
 * a profile keeps the facts it imported; files with its header are refused again. Hidden while there are none.
 */
import { useRef, useState } from 'react';
import type { MappingProfile } from '../../../../../shared/contract/api/mappings';
import type { ImportBatchInfo } from '../../../../../shared/contract/types';
import { useApp } from '../../../client/store';
import { useApiData } from '../../../client/use-api';
import { ProfileRow } from './mapping-profile-row';
import { useT } from '../../../ui/i18n';

/**
 * `batches` (from imports.list, when loaded) gives each profile's count of committed batches;
 * `refreshKey` reloads the profiles (the screen passes what changes when one may have been saved).
 */
export function ImportMappingList({ batches, refreshKey }: { batches: readonly ImportBatchInfo[] | undefined; refreshKey?: unknown }) {
  const client = useApp((s) => s.client);
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const t = useT();
  const data = useApiData((c) => c.call('mappings.list', {}), [tick, refreshKey, batches?.length ?? -1]);
  const profiles = data.value ?? [];

  const counts = new Map<string, number>();
  for (const b of batches ?? []) if (b.status === 'committed') counts.set(b.format, (counts.get(b.format) ?? 0) + 1);
  const batchCount = (p: MappingProfile) => (batches ? (counts.get(p.formatId) ?? 0) : null);

  async function remove(p: MappingProfile) {
    if (!client) return;
    try {
      await client.call('mappings.remove', { id: p.id });
      setNotice({ text: t('imports.map.removed', { name: p.name }), error: false });
      headingRef.current?.focus();
    } catch (e) {
      setNotice({ text: (e as Error).message, error: true });
    } finally {
      setTick((n) => n + 1);
    }
  }

  if (profiles.length === 0 && !notice && data.state !== 'error') return null;
  return (
    <section aria-labelledby="mapping-list-title" className="import-history-section" data-testid="mapping-list">
      <h2 id="mapping-list-title" ref={headingRef} tabIndex={-1} className="section-title">
        {t('imports.map.saved')}
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
          <p className="muted">{t('imports.map.savedIntro')}</p>
          <div className="table-scroll">
            <table className="import-table" aria-label={t('imports.map.saved')}>
              <thead>
                <tr>
                  <th scope="col">{t('imports.map.profile')}</th>
                  <th scope="col">{t('imports.map.columnsExpected')}</th>
                  <th scope="col">{t('explore.dim.provider')}</th>
                  <th scope="col" className="num">
                    {t('imports.map.batches')}
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t('imports.map.actions')}</span>
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
        <p className="muted">{t('imports.map.noneSaved')}</p>
      )}
    </section>
  );
}
