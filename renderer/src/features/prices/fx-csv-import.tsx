/** Import a CSV of exchange rates after a preview of what each adds and of every bad line. */
import { useState } from 'react';
import type { FxImportResult, FxRateRow } from '../../../../shared/contract/api/fx';
import { useApp } from '../../client/store';
import { fileToBase64 } from '../../ui/files';
import { useSay, useT, useTRich, type T } from '../../ui/i18n';

/** What an imported rate does to the table: a new point, or replaces one of the same currency and date. */
function effectOf(r: FxRateRow, current: readonly FxRateRow[], t: T): string {
  const same = current.find((c) => c.currency === r.currency && c.date === r.date);
  if (!same) return t('prices.fx.effect.new');
  if (same.perUsd === r.perUsd) return t('prices.fx.effect.same');
  return t(same.origin === 'builtin' ? 'prices.fx.effect.replacesBuiltin' : 'prices.fx.effect.replacesYours', { rate: same.perUsd });
}

function ImportPreview({ rates, current }: { rates: readonly FxRateRow[]; current: readonly FxRateRow[] }) {
  const t = useT();
  return (
    <table className="data fx-preview" data-testid="fx-import-preview">
      <caption className="muted">{t('prices.fx.adds')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('budgets.f.currency')}</th>
          <th scope="col">{t('prices.fx.from')}</th>
          <th scope="col" className="num">{t('prices.fx.perUsd')}</th>
          <th scope="col">{t('prices.fx.source')}</th>
          <th scope="col">{t('prices.fx.effect')}</th>
        </tr>
      </thead>
      <tbody>
        {rates.map((r) => (
          <tr key={`${r.currency}|${r.date}`}>
            <th scope="row">{r.currency}</th>
            <td className="num">{r.date}</td>
            <td className="num">{r.perUsd}</td>
            <td>{r.source}</td>
            <td>{effectOf(r, current, t)}</td>
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
  const t = useT();
  const say = useSay();
  const tRich = useTRich();
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
      <h3>{t('prices.fx.importTitle')}</h3>
      <p className="muted">{tRich('prices.fx.importIntro', { columns: <code>date,currency,per_usd,source</code>, reference: <code>date,cny_per_usd,…</code> })}</p>
      <label>
        {t('prices.fx.csv')}
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
            {t(result.applied ? 'prices.fx.imported' : 'prices.fx.previewOf', { file: upload.name, count: result.rates.length, skipped: result.skipped.length })}
          </p>
          {result.rates.length > 0 && !result.applied && <ImportPreview rates={result.rates} current={current} />}
          {result.skipped.length > 0 && (
            <ul className="fx-skipped error" aria-label={t('prices.fx.linesLeftOut')} data-testid="fx-import-skipped">
              {result.skipped.map((s) => (
                <li key={s.line}>
                  {t('prices.fx.line', { line: s.line, reason: say(s.said) })}
                </li>
              ))}
            </ul>
          )}
          {!result.applied && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy || result.rates.length === 0} onClick={() => void run(upload, false)}>
                {t('prices.fx.importN', { count: result.rates.length })}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setResult(null);
                  setUpload(null);
                }}
              >
                {t('app.cancel')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
