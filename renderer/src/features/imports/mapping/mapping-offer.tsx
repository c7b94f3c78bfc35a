/** Below a refusal on the Imports screen: "Map its columns…" for each unrecognized CSV, then the wizard. */
import { useState } from 'react';
import type { MappingProfile } from '../../../../../shared/contract/api/mappings';
import type { DroppedImport } from '../import-inbox';
import { baseName, fileOf, type MappingSource } from './mapping-source';
import { ImportMappingWizard } from './mapping-wizard';
import { useT } from '../../../ui/i18n';

interface RefusedFile {
  file: string;
  message: string;
  code?: string;
}

/**
 * Below a refusal: "Map its columns…" for each unrecognized file, then the wizard for the one chosen.
 * `onSaved` imports the dropped files again (the new profile now claims the mapped one).
 */
export function ImportMappingOffer({ refused, dropped, onSaved }: { refused: readonly RefusedFile[]; dropped: DroppedImport; onSaved(profile: MappingProfile): void }) {
  const [target, setTarget] = useState<{ fileName: string; source: MappingSource } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const candidates = refused.filter((r) => r.code === 'UNRECOGNIZED_FILE' && fileOf(dropped, r.file) !== null);
  if (candidates.length === 0) return null;

  async function open(name: string) {
    setError(null);
    try {
      setTarget({ fileName: baseName(name), source: await fileOf(dropped, name)!() });
    } catch (e) {
      setError(t('imports.map.cannotRead', { name, message: (e as Error).message }));
    }
  }

  return (
    <div className="mapping-offer" data-testid="mapping-offer">
      {!target && (
        <>
          <p className="muted">
            {t('imports.map.offer')}
          </p>
          <div className="import-actions">
            {candidates.map((r) => (
              <button key={r.file} type="button" onClick={() => void open(r.file)} aria-label={candidates.length > 1 ? t('imports.map.mapColumnsOf', { file: baseName(r.file) }) : undefined}>
                {t('imports.map.mapIts')}
              </button>
            ))}
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {target && <ImportMappingWizard fileName={target.fileName} source={target.source} onCancel={() => setTarget(null)} onSaved={onSaved} />}
    </div>
  );
}
