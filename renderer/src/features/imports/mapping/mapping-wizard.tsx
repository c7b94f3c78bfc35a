/**
 * The column mapping wizard: offered on the Imports screen when a CSV is refused as unrecognized. Each
 * column gets a role (with sample values beside it), the fixed values are set (provider, currency, time
 * zone, time format, granularity), a dry run shows the first rows as the ledger would read them, and
 * "Save profile and import" saves the profile and imports the files again: from then on every file with
 * the same header is recognized by itself.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { MappingPreview, MappingProfile, MappingProfileDraft, MappingRoles, MappingSuggestion } from '../../../../../shared/contract/api/mappings';
import { useApp } from '../../../client/store';
import { MappingColumns } from './mapping-columns';
import { MappingDryRun } from './mapping-dry-run';
import { DELIMITER_NAMES, MappingFixedValues } from './mapping-fixed-values';
import { baseName, type MappingSource } from './mapping-source';
import './import-mapping.css';
import { useT } from '../../../ui/i18n';

function draftName(fileName: string, fallback: string): string {
  return baseName(fileName).replace(/\.[^.]+$/, '').replace(/[-_]\d{4}([-_]\d{1,2})*$/, '').replace(/[-_]+/g, ' ').trim() || fallback;
}

/** The engine's reading of the file: header, sample rows, and the roles it guesses. */
function useSuggestion(source: MappingSource) {
  const client = useApp((s) => s.client);
  const [suggestion, setSuggestion] = useState<MappingSuggestion | null>(null);
  const [roles, setRoles] = useState<MappingRoles | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    client.call('mappings.suggest', source).then(
      (s) => {
        if (!live) return;
        setSuggestion(s);
        setRoles(s.suggested);
      },
      (e: unknown) => live && setLoadError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [client, source]);
  return { suggestion, roles, setRoles, loadError };
}

/** The live dry run: the first rows as facts, a moment after the last change; null while it is not the current draft's. */
function useDryRun(source: MappingSource, draft: MappingProfileDraft | null) {
  const client = useApp((s) => s.client);
  const [preview, setPreview] = useState<{ key: string; value: MappingPreview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const draftKey = draft ? JSON.stringify(draft) : '';
  useEffect(() => {
    if (!client || !draft) return;
    let live = true;
    const timer = setTimeout(() => {
      client.call('mappings.preview', { ...source, profile: draft, limit: 10 }).then(
        (value) => {
          if (!live) return;
          setPreview({ key: draftKey, value });
          setPreviewError(null);
        },
        (e: unknown) => live && setPreviewError((e as Error).message),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `draft` is rebuilt each render; `draftKey` is its content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, source, draftKey]);
  return { current: preview && preview.key === draftKey ? preview.value : null, previewError };
}

function LoadFailed({ ids, fileName, error, onCancel }: { ids: string; fileName: string; error: string; onCancel(): void }) {
  const t = useT();
  return (
    <section className="card mapping-wizard" aria-labelledby={`${ids}-title`} data-testid="mapping-wizard">
      <h2 id={`${ids}-title`}>{t('imports.map.title', { file: fileName })}</h2>
      <p role="alert" className="error">
        {error}
      </p>
      <button type="button" onClick={onCancel}>
        {t('imports.map.close')}
      </button>
    </section>
  );
}

export function ImportMappingWizard({
  fileName,
  source,
  onCancel,
  onSaved,
}: {
  fileName: string;
  source: MappingSource;
  onCancel(): void;
  onSaved(profile: MappingProfile): void;
}) {
  const client = useApp((s) => s.client);
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { suggestion, roles, setRoles, loadError } = useSuggestion(source);
  const t = useT();
  const [name, setName] = useState(() => draftName(fileName, t('imports.map.defaultName')));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (suggestion) headingRef.current?.focus();
  }, [suggestion]);

  const draft: MappingProfileDraft | null = suggestion && roles ? { name, header: suggestion.header, delimiter: suggestion.delimiter, roles } : null;
  const { current, previewError } = useDryRun(source, draft);

  if (loadError) return <LoadFailed ids={ids} fileName={fileName} error={loadError} onCancel={onCancel} />;
  if (!suggestion || !roles || !draft) {
    return (
      <section className="card mapping-wizard" aria-busy="true" data-testid="mapping-wizard">
        <p>{t('imports.map.reading', { file: fileName })}</p>
      </section>
    );
  }

  const problems = current?.problems ?? [];
  const update = (f: (r: MappingRoles) => MappingRoles) => setRoles((r) => (r ? f(r) : r));

  async function save() {
    if (!client || !draft) return;
    setSaving(true);
    setSaveError(null);
    try {
      const profile = await client.call('mappings.save', draft);
      onSaved(profile);
    } catch (e) {
      setSaveError((e as Error).message);
      setSaving(false);
    }
  }

  return (
    <section className="card mapping-wizard" aria-labelledby={`${ids}-title`} data-testid="mapping-wizard">
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1} className="section-title">
        {t('imports.map.title', { file: fileName })}
      </h2>
      {suggestion.claimedBy && (
        <p className="banner" role="status">
          {t('imports.map.claimed', { label: suggestion.claimedBy.label })}
        </p>
      )}
      <p className="muted">
        {t('imports.map.guessed', {
          count: suggestion.header.length,
          delimiter: DELIMITER_NAMES[suggestion.delimiter] ? t(DELIMITER_NAMES[suggestion.delimiter]!) : suggestion.delimiter,
          encoding: suggestion.encoding,
        })}
      </p>

      <MappingFixedValues ids={ids} name={name} roles={roles} onName={setName} update={update} />

      <MappingColumns fileName={fileName} suggestion={suggestion} roles={roles} update={update} />
      <p className="muted">{t('imports.map.noIdentity')}</p>

      <MappingDryRun preview={current} error={previewError} />

      <div className="import-actions" role="group" aria-label={t('imports.map.saveOrCancel')}>
        {saveError && (
          <p role="alert" className="error">
            {saveError}
          </p>
        )}
        <button type="button" className="primary" disabled={saving || !current || problems.length > 0} onClick={() => void save()}>
          {saving ? t('imports.map.saving') : t('imports.map.save')}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          {t('app.cancel')}
        </button>
      </div>
    </section>
  );
}
