/** Import a CSV of exchange rates after a preview of what each adds and of every bad line. */
import { useState } from 'react';
import type { FxImportResult, FxRateRow } from '../../../../shared/contract/api/fx';
import { useApp } from '../../client/store';
import { fileToBase64 } from '../../ui/files';

/** What an imported rate does to the table: a new point, or replaces one of the same currency and date. */
function effectOf(r: FxRateRow, current: readonly FxRateRow[]): string {
  const same = current.find((c) => c.currency === r.currency && c.date === r.date);
  if (!same) return 'new';
  if (same.perUsd === r.perUsd) return 'same as now';
  return `replaces ${same.origin === 'builtin' ? 'the built-in' : 'your'} ${same.perUsd}`;
}

function ImportPreview({ rates, current }: { rates: readonly FxRateRow[]; current: readonly FxRateRow[] }) {
  return (
    <table className="data fx-preview" data-testid="fx-import-preview">
      <caption className="muted">Rates the file adds</caption>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col">From</th>
          <th scope="col" className="num">Per 1 USD</th>
          <th scope="col">Source</th>
          <th scope="col">Effect</th>
        </tr>
      </thead>
      <tbody>
        {rates.map((r) => (
          <tr key={`${r.currency}|${r.date}`}>
            <th scope="row">{r.currency}</th>
            <td className="num">{r.date}</td>
            <td className="num">{r.perUsd}</td>
            <td>{r.source}</td>
            <td>{effectOf(r, current)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CsvImport({ current }: { current: readonly FxRateRow[] }) {
  const client = useApp((s) => s.client);
  const [upload, setUpload] = useState<{ name: string; contentBase64: string } | null>(null);
  const [result, setResult] = useState<FxImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(file: { name: string; contentBase64: string }, dryRun: boolean) {
    if (!client) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await client.call('fx.importCsv', { file, dryRun }));
    } catch (err) {
      setResult(null);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function choose(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    const up = { name: f.name, contentBase64: await fileToBase64(f) };
    setUpload(up);
    await run(up, true);
  }
  return (
    <div className="fx-import">
      <h3>Import a CSV of rates</h3>
      <p className="muted">
        Columns <code>date,currency,per_usd,source</code> (or the reference file&apos;s <code>date,cny_per_usd,…</code>). You see what it adds first.
      </p>
      <label>
        CSV of rates
        <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void choose(e.target.files)} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && upload && (
        <div data-testid="fx-import-result">
          <p role="status">
            {result.applied ? 'Imported' : 'Preview of'} {upload.name}: {result.rates.length} {result.rates.length === 1 ? 'rate' : 'rates'}
            {result.skipped.length > 0 ? `, ${result.skipped.length} bad ${result.skipped.length === 1 ? 'line' : 'lines'} left out` : ''}.
          </p>
          {result.rates.length > 0 && !result.applied && <ImportPreview rates={result.rates} current={current} />}
          {result.skipped.length > 0 && (
            <ul className="fx-skipped error" aria-label="Lines left out" data-testid="fx-import-skipped">
              {result.skipped.map((s) => (
                <li key={s.line}>
                  Line {s.line}: {s.reason}
                </li>
              ))}
            </ul>
          )}
          {!result.applied && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy || result.rates.length === 0} onClick={() => void run(upload, false)}>
                Import {result.rates.length} {result.rates.length === 1 ? 'rate' : 'rates'}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setResult(null);
                  setUpload(null);
                }}
              >
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
