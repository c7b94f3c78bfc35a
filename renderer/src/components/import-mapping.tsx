/**
 * The column mapping wizard (issue 3, format 10): offered on the Imports screen when a CSV is refused as
 * unrecognized. Each column gets a role (with sample values beside it), the fixed values are set (provider,
 * currency, time zone, time format, granularity), a dry run shows the first rows as the ledger would read
 * them, and "Save profile and import" saves the profile and imports the files again: from then on every
 * file with the same header is recognized by itself.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { MappingPreview, MappingProfile, MappingProfileDraft, MappingRoles, MappingSuggestion } from '../../../shared/contract/api/mappings';
import { GRANULARITIES } from '../../../shared/domain/fact';
import { TIME_FORMAT_LABELS, TIME_FORMATS, type TimeFormat } from '../../../shared/domain/csv-mapping';
import type { Granularity } from '../../../shared/domain/fact';
import { formatInteger } from '../format';
import { useApp } from '../store';
import { fileToBase64, type DroppedImport } from './import-drop';
import { assignRole, COLUMN_ROLES, roleOf, toggleIdentity, type ColumnRole } from './import-mapping-roles';
import { formatExactMoney } from './import-preview';
import './import-mapping.css';

export type MappingSource = { path: string } | { file: { name: string; contentBase64: string } };

interface RefusedFile {
  file: string;
  message: string;
  code?: string;
}

const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];
const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };
const GRANULARITY_LABELS: Record<Granularity, string> = { request: 'One request per row', hour: 'Hourly totals', day: 'Daily totals', month: 'Monthly totals' };

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** The dropped file a refusal names: a path as the engine reported it, or the upload of the same name. */
function fileOf(dropped: DroppedImport, refusedName: string): (() => Promise<MappingSource>) | null {
  if ('paths' in dropped) return async () => ({ path: refusedName });
  const f = dropped.files.find((x) => baseName(x.webkitRelativePath || x.name) === baseName(refusedName));
  if (!f) return null;
  return async () => ({ file: { name: f.name, contentBase64: await fileToBase64(f) } });
}

/**
 * Below a refusal: "Map its columns…" for each unrecognized file, then the wizard for the one chosen.
 * `onSaved` imports the dropped files again (the new profile now claims the mapped one).
 */
export function ImportMappingOffer({ refused, dropped, onSaved }: { refused: readonly RefusedFile[]; dropped: DroppedImport; onSaved(profile: MappingProfile): void }) {
  const [target, setTarget] = useState<{ fileName: string; source: MappingSource } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const candidates = refused.filter((r) => r.code === 'UNRECOGNIZED_FILE' && fileOf(dropped, r.file) !== null);
  if (candidates.length === 0) return null;

  async function open(name: string) {
    setError(null);
    try {
      setTarget({ fileName: baseName(name), source: await fileOf(dropped, name)!() });
    } catch (e) {
      setError(`Cannot read ${name}: ${(e as Error).message}`);
    }
  }

  return (
    <div className="mapping-offer" data-testid="mapping-offer">
      {!target && (
        <>
          <p className="muted">
            An export of another tool? Map its columns once: files with the same header are then imported with that mapping by themselves.
          </p>
          <div className="import-actions">
            {candidates.map((r) => (
              <button key={r.file} type="button" onClick={() => void open(r.file)} aria-label={candidates.length > 1 ? `Map the columns of ${baseName(r.file)}…` : undefined}>
                Map its columns…
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

function draftName(fileName: string): string {
  return baseName(fileName).replace(/\.[^.]+$/, '').replace(/[-_]\d{4}([-_]\d{1,2})*$/, '').replace(/[-_]+/g, ' ').trim() || 'My export';
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
  const [suggestion, setSuggestion] = useState<MappingSuggestion | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState(draftName(fileName));
  const [roles, setRoles] = useState<MappingRoles | null>(null);
  const [preview, setPreview] = useState<{ key: string; value: MappingPreview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

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

  useEffect(() => {
    if (suggestion) headingRef.current?.focus();
  }, [suggestion]);

  const draft: MappingProfileDraft | null = suggestion && roles ? { name, header: suggestion.header, delimiter: suggestion.delimiter, roles } : null;
  const draftKey = draft ? JSON.stringify(draft) : '';

  // The live dry run: the first rows as facts, a moment after the last change.
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

  if (loadError) {
    return (
      <section className="card mapping-wizard" aria-labelledby={`${ids}-title`} data-testid="mapping-wizard">
        <h2 id={`${ids}-title`}>Map the columns of {fileName}</h2>
        <p role="alert" className="error">
          {loadError}
        </p>
        <button type="button" onClick={onCancel}>
          Close
        </button>
      </section>
    );
  }
  if (!suggestion || !roles || !draft) {
    return (
      <section className="card mapping-wizard" aria-busy="true" data-testid="mapping-wizard">
        <p>Reading the columns of {fileName}…</p>
      </section>
    );
  }

  const current = preview && preview.key === draftKey ? preview.value : null;
  const problems = current?.problems ?? [];
  const update = (f: (r: MappingRoles) => MappingRoles) => setRoles((r) => (r ? f(r) : r));
  const samples = (i: number) =>
    suggestion.rows
      .map((row) => row[i] ?? '')
      .filter((v) => v.trim() !== '')
      .slice(0, 3);

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
        Map the columns of {fileName}
      </h2>
      {suggestion.claimedBy && (
        <p className="banner" role="status">
          This file is already read as {suggestion.claimedBy.label}.
        </p>
      )}
      <p className="muted">
        Roles were guessed from the column names; check each one. {formatInteger(suggestion.header.length)} columns separated by{' '}
        {DELIMITER_NAMES[suggestion.delimiter]}, {suggestion.encoding}.
      </p>

      <fieldset className="mapping-fixed">
        <legend>Profile and fixed values</legend>
        <label>
          Profile name
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <div className="field">
          <label htmlFor={`${ids}-provider`}>Provider</label>
          <input
            id={`${ids}-provider`}
            type="text"
            value={roles.provider}
            onChange={(e) => update((r) => ({ ...r, provider: e.target.value.trim().toLowerCase() }))}
            aria-describedby={`${ids}-provider-help`}
          />
          <small id={`${ids}-provider-help`} className="muted">
            Who bills this usage, e.g. internal-gateway
          </small>
        </div>
        <label>
          Time format
          <select value={roles.time.format} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, format: e.target.value as TimeFormat } }))}>
            {TIME_FORMATS.map((f) => (
              <option key={f} value={f}>
                {TIME_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Time zone of times written without one
          <input type="text" list={`${ids}-zones`} value={roles.time.timeZone} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, timeZone: e.target.value.trim() } }))} />
          <datalist id={`${ids}-zones`}>
            {COMMON_ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
        <label>
          Each row is
          <select value={roles.time.granularity} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, granularity: e.target.value as Granularity } }))}>
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {GRANULARITY_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
        {roles.currencyColumn === null && (
          <label>
            Currency of the cost
            <input
              type="text"
              value={roles.currency ?? ''}
              maxLength={3}
              size={4}
              onChange={(e) => update((r) => ({ ...r, currency: e.target.value.trim() === '' ? null : e.target.value.trim().toUpperCase() }))}
            />
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={roles.tokens.inputIncludesCached}
            onChange={(e) => update((r) => ({ ...r, tokens: { ...r.tokens, inputIncludesCached: e.target.checked } }))}
          />
          Input tokens include the cached ones (subtract cache reads)
        </label>
        <label className="check">
          <input type="checkbox" checked={roles.decimalComma} onChange={(e) => update((r) => ({ ...r, decimalComma: e.target.checked }))} />
          Decimal comma (1,5 means one and a half)
        </label>
      </fieldset>

      <div className="table-scroll">
        <table className="import-table mapping-columns">
          <caption>Columns of {fileName}</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">First values</th>
              <th scope="col">Role</th>
              <th scope="col">Identifies the row</th>
            </tr>
          </thead>
          <tbody>
            {suggestion.header.map((col, i) => (
              <tr key={`${col}-${i}`} data-column={col}>
                <th scope="row">{col}</th>
                <td className="samples">{samples(i).join(' · ') || <span className="muted">(empty)</span>}</td>
                <td>
                  <select aria-label={`Role of ${col}`} value={roleOf(roles, col) ?? ''} onChange={(e) => update((r) => assignRole(r, col, (e.target.value || null) as ColumnRole | null))}>
                    <option value="">Not used</option>
                    {COLUMN_ROLES.map(([role, label]) => (
                      <option key={role} value={role}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${col} identifies the row`}
                    checked={roles.identity.some((c) => c.toLowerCase() === col.toLowerCase())}
                    onChange={(e) => update((r) => toggleIdentity(r, col, e.target.checked))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">No column identifies the rows? Each row is then identified by all its values, so importing the same rows again adds nothing.</p>

      <MappingDryRun preview={current} error={previewError} />

      <div className="import-actions" role="group" aria-label="Save or cancel this mapping">
        {saveError && (
          <p role="alert" className="error">
            {saveError}
          </p>
        )}
        <button type="button" className="primary" disabled={saving || !current || problems.length > 0} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save profile and import'}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function MappingDryRun({ preview, error }: { preview: MappingPreview | null; error: string | null }) {
  return (
    <section className="mapping-dry-run" aria-label="Dry run of the first rows" aria-live="polite" data-testid="mapping-dry-run">
      <h3>First rows as the ledger would read them</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!preview && !error && <p aria-busy="true">Reading the first rows…</p>}
      {preview && preview.problems.length > 0 && (
        <ul className="mapping-problems" data-testid="mapping-problems">
          {preview.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {preview && preview.problems.length === 0 && (
        <>
          {preview.rows.length > 0 && (
            <div className="table-scroll">
              <table className="import-table" data-testid="mapping-rows">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">Start (UTC)</th>
                    <th scope="col">Model</th>
                    <th scope="col" className="num">
                      Input
                    </th>
                    <th scope="col" className="num">
                      Cache read
                    </th>
                    <th scope="col" className="num">
                      Cache write
                    </th>
                    <th scope="col" className="num">
                      Output
                    </th>
                    <th scope="col" className="num">
                      Reasoning
                    </th>
                    <th scope="col" className="num">
                      Requests
                    </th>
                    <th scope="col" className="num">
                      Cost
                    </th>
                    <th scope="col">Project</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.line} data-line={r.line}>
                      <td className="num">{r.line}</td>
                      <td>{r.start.replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '')}</td>
                      <td>{r.model ?? r.modelRaw ?? '—'}</td>
                      <td data-class="input">{formatInteger(r.tokens.input)}</td>
                      <td data-class="cache_read">{formatInteger(r.tokens.cache_read)}</td>
                      <td data-class="cache_write">{formatInteger(r.tokens.cache_write_5m + r.tokens.cache_write_1h)}</td>
                      <td data-class="output">{formatInteger(r.tokens.output)}</td>
                      <td data-class="reasoning">{formatInteger(r.tokens.reasoning)}</td>
                      <td data-class="requests">{formatInteger(r.requests)}</td>
                      <td className="num" data-class="cost">
                        {r.billed !== null && r.currency !== null ? formatExactMoney(r.billed, r.currency) : '—'}
                      </td>
                      <td>{r.project ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.issues.length > 0 && (
            <ul className="mapping-problems" data-testid="mapping-issues">
              {preview.issues.map((i) => (
                <li key={`${i.line}-${i.field}`}>
                  Line {i.line}, {i.field}: {i.message}
                </li>
              ))}
            </ul>
          )}
          {preview.rows.length === 0 && preview.issues.length === 0 && <p className="muted">The file has no data rows.</p>}
        </>
      )}
    </section>
  );
}
