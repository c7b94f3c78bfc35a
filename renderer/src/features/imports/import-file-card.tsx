/**
 * What an import would do, file by file: format, rows per class, totals per model and currency, row
 * issues with their lines, overlaps with earlier batches, and a sample of rows. Nothing here writes.
 */
import type { ImportFileResult, ImportOverlap, ImportRowClass } from '../../../../shared/contract/types';
import { formatExactMoney, formatInteger } from '../../ui/format';
import { formatBytes, ImportCountList } from './import-counts';
import { TotalsTable } from './import-totals';
import { useSay, useT, useTRich } from '../../ui/i18n';
import type { MessageId } from '../../../../shared/i18n';

const CLASS_LABELS: Record<ImportRowClass, MessageId> = { new: 'imports.class.new', duplicate: 'imports.class.duplicate', revised: 'imports.class.revised' };

function Overlaps({ overlaps }: { overlaps: readonly ImportOverlap[] }) {
  const t = useT();
  const tRich = useTRich();
  if (overlaps.length === 0) return null;
  return (
    <div className="banner warn" data-testid="import-overlaps">
      <p className="banner-title">{t('imports.overlaps.title')}</p>
      <ul>
        {overlaps.map((o) => (
          <li key={`${o.batchId}-${o.kind}-${o.winner}`}>
            {tRich('imports.overlaps.item', {
              batch: o.batchId,
              file: <strong>{o.file}</strong>,
              format: o.format,
              kind: o.kind === 'tokens' ? 'tokens' : 'bill',
              days: o.days.length === 1 ? o.days[0] : t('imports.overlaps.days', { count: o.days.length, from: o.days[0], to: o.days[o.days.length - 1] }),
              models: o.models.map((m) => m || t('imports.overlaps.noModel')).join(', '),
            })}{' '}
            {o.winner === 'this' ? t('imports.overlaps.fromThis', { rows: o.facts, batch: o.batchId }) : t('imports.overlaps.fromBatch', { rows: o.facts, batch: o.batchId })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Issues({ file, id }: { file: ImportFileResult; id: string }) {
  const t = useT();
  const say = useSay();
  if (file.issueCount === 0) return null;
  return (
    <div className="table-scroll issues" data-testid="import-issues">
      <table className="import-table" aria-labelledby={`${id}-issues`}>
        <caption id={`${id}-issues`} className="error">
          {file.issues.length < file.issueCount
            ? t('imports.issues.captionFirst', { count: file.issueCount, listed: file.issues.length })
            : t('imports.issues.caption', { count: file.issueCount })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.col.file')}</th>
            <th scope="col" className="num">
              {t('imports.col.line')}
            </th>
            <th scope="col">{t('imports.col.field')}</th>
            <th scope="col">{t('imports.col.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {file.issues.map((i, n) => (
            <tr key={n}>
              <td>{i.file}</td>
              <td className="num">{i.line}</td>
              <td>
                <code>{i.field}</code>
              </td>
              <td>{say(i.said)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Sample({ file }: { file: ImportFileResult }) {
  const t = useT();
  if (file.sample.length === 0) return null;
  return (
    <details className="sample">
      <summary>
        {t('imports.sample.title', { shown: file.sample.length, count: file.counts.new + file.counts.duplicate + file.counts.revised })}
      </summary>
      <div className="table-scroll">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('imports.col.line')}
              </th>
              <th scope="col">{t('imports.col.class')}</th>
              <th scope="col">{t('explore.fact.start')}</th>
              <th scope="col">{t('explore.dim.model')}</th>
              <th scope="col">{t('imports.col.kind')}</th>
              <th scope="col" className="num">
                {t('imports.col.input')}
              </th>
              <th scope="col" className="num">
                {t('overview.class.cacheRead')}
              </th>
              <th scope="col" className="num">
                {t('overview.class.output')}
              </th>
              <th scope="col" className="num">
                {t('explore.metric.requests')}
              </th>
              <th scope="col" className="num">
                {t('imports.col.billed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {file.sample.map((r) => (
              <tr key={`${r.line}-${r.start}-${r.model ?? r.modelRaw ?? ''}`}>
                <td className="num">{r.line}</td>
                <td>
                  <span className={`pill pill-${r.class}`}>{t(CLASS_LABELS[r.class])}</span>
                </td>
                <td>{r.start.slice(0, 16).replace('T', ' ')}</td>
                <td>{r.model ?? r.modelRaw ?? '—'}</td>
                <td>{r.lineType}</td>
                <td className="num">{formatInteger(r.tokens.input)}</td>
                <td className="num">{formatInteger(r.tokens.cache_read)}</td>
                <td className="num">{formatInteger(r.tokens.output)}</td>
                <td className="num">{formatInteger(r.requests)}</td>
                <td className="num">{r.billed !== null && r.currency !== null ? formatExactMoney(r.billed, r.currency) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** One file of a preview (or of a committed import). */
export function ImportFileCard({ file, index }: { file: ImportFileResult; index: number }) {
  const id = `import-file-${index}`;
  const t = useT();
  const say = useSay();
  return (
    <article className="card import-file" aria-labelledby={`${id}-name`} data-testid="import-file" data-file={file.file}>
      <header className="import-file-head">
        <h3 id={`${id}-name`}>{file.file}</h3>
        <p className="muted">
          <span data-testid="import-format">{file.formatSaid ? say(file.formatSaid) : file.formatLabel}</span> · {formatBytes(file.bytes)}
          {file.batchId !== null ? ` · ${t('imports.batchN', { id: file.batchId })}` : ''}
        </p>
      </header>
      <ImportCountList counts={file.counts} testId="import-file-counts" />
      <Overlaps overlaps={file.overlaps} />
      <TotalsTable file={file} id={id} />
      <Issues file={file} id={id} />
      <Sample file={file} />
    </article>
  );
}
