/**
 * What an import would do, file by file: format, rows per class, totals per model and currency, row
 * issues with their lines, overlaps with earlier batches, and a sample of rows. Nothing here writes.
 */
import { emptyTokens, TOKEN_CLASSES } from '../../../shared/domain/fact';
import { formatAmount, parseDecimalToNano } from '../../../shared/domain/money';
import type { ImportCounts, ImportFileResult, ImportModelTotal, ImportOverlap, ImportRowClass } from '../../../shared/contract/types';
import { formatInteger } from '../format';

const exactMoneyFormats = new Map<string, Intl.NumberFormat>();

/** Exact amounts (up to 6 decimals, as bills state them): "$0.546065", "¥12.50". */
export function formatExactMoney(amount: string, currency: string): string {
  let f = exactMoneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 6 });
    exactMoneyFormats.set(currency, f);
  }
  // Intl formats a decimal string exactly (no float round trip).
  return f.format(amount as unknown as number);
}

export const COUNT_LABELS: Record<keyof ImportCounts, string> = {
  new: 'New',
  duplicate: 'Duplicate',
  revised: 'Revised',
  skipped: 'Skipped',
  error: 'Cannot be read',
};
const COUNT_KEYS = Object.keys(COUNT_LABELS) as (keyof ImportCounts)[];

const CLASS_LABELS: Record<ImportRowClass, string> = { new: 'new', duplicate: 'duplicate', revised: 'revised' };

function formatBytes(n: number): string {
  if (n < 1024) return `${formatInteger(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
export { formatBytes };

/** Rows by class, as a compact list of labelled figures. */
export function ImportCountList({ counts, testId }: { counts: ImportCounts; testId?: string }) {
  return (
    <dl className="import-counts" data-testid={testId}>
      {COUNT_KEYS.map((k) => (
        <div key={k} className={`count count-${k}${counts[k] === 0 ? ' zero' : ''}`}>
          <dt>{COUNT_LABELS[k]}</dt>
          <dd data-count={k}>{formatInteger(counts[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

interface FileSum {
  tokens: ReturnType<typeof emptyTokens>;
  requests: number;
  facts: number;
  billed: Map<string, bigint>;
}

function sumTotals(totals: readonly ImportModelTotal[]): FileSum {
  const s: FileSum = { tokens: emptyTokens(), requests: 0, facts: 0, billed: new Map() };
  for (const t of totals) {
    for (const c of TOKEN_CLASSES) s.tokens[c] += t.tokens[c];
    s.requests += t.requests;
    s.facts += t.facts;
    if (t.billed !== null && t.currency !== null) s.billed.set(t.currency, (s.billed.get(t.currency) ?? 0n) + parseDecimalToNano(t.billed));
  }
  return s;
}

function TokenCells({ tokens }: { tokens: ImportModelTotal['tokens'] }) {
  return (
    <>
      <td data-class="input">{formatInteger(tokens.input)}</td>
      <td data-class="cache_read">{formatInteger(tokens.cache_read)}</td>
      <td data-class="cache_write" title={`5 minutes: ${formatInteger(tokens.cache_write_5m)}, 1 hour: ${formatInteger(tokens.cache_write_1h)}`}>
        {formatInteger(tokens.cache_write_5m + tokens.cache_write_1h)}
      </td>
      <td data-class="output">{formatInteger(tokens.output)}</td>
      <td data-class="reasoning">{formatInteger(tokens.reasoning)}</td>
    </>
  );
}

function TotalsTable({ file, id }: { file: ImportFileResult; id: string }) {
  if (file.totals.length === 0) return <p className="muted">No usage or cost rows in this file.</p>;
  const sum = sumTotals(file.totals);
  return (
    <div className="table-scroll">
      <table className="import-table" aria-labelledby={`${id}-totals`} data-testid="import-totals">
        <caption id={`${id}-totals`}>Totals per model and currency</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Rows
            </th>
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
              of which reasoning
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
          {file.totals.map((t) => (
            <tr key={`${t.provider}/${t.model}/${t.currency ?? ''}`}>
              <th scope="row">
                {t.model} <span className="muted-inline">{t.provider}</span>
              </th>
              <td>{formatInteger(t.facts)}</td>
              <TokenCells tokens={t.tokens} />
              <td data-class="requests">{formatInteger(t.requests)}</td>
              <td data-class="billed">{t.billed !== null && t.currency !== null ? formatExactMoney(t.billed, t.currency) : '—'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="file-total">
            <th scope="row">Total</th>
            <td>{formatInteger(sum.facts)}</td>
            <TokenCells tokens={sum.tokens} />
            <td data-class="requests">{formatInteger(sum.requests)}</td>
            <td data-class="billed">
              {sum.billed.size === 0
                ? '—'
                : [...sum.billed.entries()].map(([c, nano]) => (
                    <span key={c} className="amount" data-currency={c} data-amount={formatAmount(nano)}>
                      {formatExactMoney(formatAmount(nano), c)}
                    </span>
                  ))}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Overlaps({ overlaps }: { overlaps: readonly ImportOverlap[] }) {
  if (overlaps.length === 0) return null;
  return (
    <div className="banner warn" data-testid="import-overlaps">
      <p className="banner-title">Overlaps with earlier imports (tokens are counted once)</p>
      <ul>
        {overlaps.map((o) => (
          <li key={`${o.batchId}-${o.winner}`}>
            Batch {o.batchId} <strong>{o.file}</strong> ({o.format}) describes the same usage on {o.days.length === 1 ? o.days[0] : `${o.days.length} days (${o.days[0]} to ${o.days[o.days.length - 1]})`}{' '}
            for {o.models.join(', ')}:{' '}
            {o.winner === 'this'
              ? `this file is finer, so its tokens count and ${formatInteger(o.facts)} earlier rows stop counting tokens.`
              : `the earlier import is finer, so its tokens count and ${formatInteger(o.facts)} rows of this file add only their money.`}
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
