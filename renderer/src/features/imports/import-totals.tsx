/** A file's totals per model and currency, with the file's total summed exactly. */
import { emptyTokens, TOKEN_CLASSES } from '../../../../shared/domain/fact';
import { formatAmount, parseDecimalToNano } from '../../../../shared/domain/money';
import type { ImportFileResult, ImportModelTotal } from '../../../../shared/contract/types';
import { formatExactMoney, formatInteger } from '../../ui/format';

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

export function TotalsTable({ file, id }: { file: ImportFileResult; id: string }) {
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
