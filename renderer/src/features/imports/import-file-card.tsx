/**
 * What an import would do, file by file: format, rows per class, totals per model and currency, row
 * issues with their lines, overlaps with earlier batches, and a sample of rows. Nothing here writes.
 */
import type { ImportFileResult, ImportOverlap, ImportRowClass } from '../../../../shared/contract/types';
import { formatExactMoney, formatInteger } from '../../ui/format';
import { formatBytes, ImportCountList } from './import-counts';
import { TotalsTable } from './import-totals';

const CLASS_LABELS: Record<ImportRowClass, string> = { new: 'new', duplicate: 'duplicate', revised: 'revised' };

function Overlaps({ overlaps }: { overlaps: readonly ImportOverlap[] }) {
  if (overlaps.length === 0) return null;
  return (
    <div className="banner warn" data-testid="import-overlaps">
      <p className="banner-title">Overlaps with earlier imports (counted once)</p>
      <ul>
        {overlaps.map((o) => (
          <li key={`${o.batchId}-${o.kind}-${o.winner}`}>
            Batch {o.batchId} <strong>{o.file}</strong> ({o.format}) describes {o.kind === 'tokens' ? 'the same usage' : 'the same bill'} on{' '}
            {o.days.length === 1 ? o.days[0] : `${o.days.length} days (${o.days[0]} to ${o.days[o.days.length - 1]})`} for {o.models.map((m) => m || '(no model)').join(', ')}:{' '}
            {o.winner === 'this'
              ? `counted once, from this file; ${formatInteger(o.facts)} rows of batch ${o.batchId} stop counting.`
              : `counted once, from batch ${o.batchId}; ${formatInteger(o.facts)} rows of this file stop counting.`}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Issues({ file, id }: { file: ImportFileResult; id: string }) {
  if (file.issueCount === 0) return null;
  return (
    <div className="table-scroll issues" data-testid="import-issues">
      <table className="import-table" aria-labelledby={`${id}-issues`}>
        <caption id={`${id}-issues`} className="error">
          {formatInteger(file.issueCount)} row{file.issueCount === 1 ? '' : 's'} cannot be read
          {file.issues.length < file.issueCount ? ` (the first ${formatInteger(file.issues.length)} are listed)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Field</th>
            <th scope="col">Problem</th>
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
              <td>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Sample({ file }: { file: ImportFileResult }) {
  if (file.sample.length === 0) return null;
  return (
    <details className="sample">
      <summary>
        Sample of rows ({file.sample.length} of {formatInteger(file.counts.new + file.counts.duplicate + file.counts.revised)})
      </summary>
      <div className="table-scroll">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Class</th>
              <th scope="col">Start (UTC)</th>
              <th scope="col">Model</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Input
              </th>
              <th scope="col" className="num">
                Cache read
              </th>
              <th scope="col" className="num">
                Output
              </th>
              <th scope="col" className="num">
                Requests
              </th>
              <th scope="col" className="num">
                Billed
              </th>
            </tr>
          </thead>
          <tbody>
            {file.sample.map((r) => (
              <tr key={`${r.line}-${r.start}-${r.model ?? r.modelRaw ?? ''}`}>
                <td className="num">{r.line}</td>
                <td>
                  <span className={`pill pill-${r.class}`}>{CLASS_LABELS[r.class]}</span>
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
  return (
    <article className="card import-file" aria-labelledby={`${id}-name`} data-testid="import-file" data-file={file.file}>
      <header className="import-file-head">
        <h3 id={`${id}-name`}>{file.file}</h3>
        <p className="muted">
          <span data-testid="import-format">{file.formatLabel}</span> · {formatBytes(file.bytes)}
          {file.batchId !== null ? ` · batch ${file.batchId}` : ''}
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
