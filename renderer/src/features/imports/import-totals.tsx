/** A file's totals per model and currency, with the file's total summed exactly. */
import { emptyTokens, TOKEN_CLASSES } from '../../../../shared/domain/fact';
import { formatAmount, parseDecimalToNano } from '../../../../shared/domain/money';
import type { ImportFileResult, ImportModelTotal } from '../../../../shared/contract/types';
import { formatExactMoney, formatInteger } from '../../ui/format';
import { useT } from '../../ui/i18n';

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
  const t = useT();
  return (
    <>
      <td data-class="input">{formatInteger(tokens.input)}</td>
      <td data-class="cache_read">{formatInteger(tokens.cache_read)}</td>
      <td data-class="cache_write" title={t('imports.totals.cacheWriteTitle', { m5: tokens.cache_write_5m, h1: tokens.cache_write_1h })}>
        {formatInteger(tokens.cache_write_5m + tokens.cache_write_1h)}
      </td>
      <td data-class="output">{formatInteger(tokens.output)}</td>
      <td data-class="reasoning">{formatInteger(tokens.reasoning)}</td>
    </>
  );
}

export function TotalsTable({ file, id }: { file: ImportFileResult; id: string }) {
  const t = useT();
  if (file.totals.length === 0) return <p className="muted">{t('imports.totals.none')}</p>;
  const sum = sumTotals(file.totals);
  return (
    <div className="table-scroll">
      <table className="import-table" aria-labelledby={`${id}-totals`} data-testid="import-totals">
        <caption id={`${id}-totals`}>{t('imports.totals.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('explore.dim.model')}</th>
            <th scope="col" className="num">
              {t('imports.col.rows')}
            </th>
            <th scope="col" className="num">
              {t('imports.col.input')}
            </th>
            <th scope="col" className="num">
              {t('overview.class.cacheRead')}
            </th>
            <th scope="col" className="num">
              {t('imports.col.cacheWrite')}
            </th>
            <th scope="col" className="num">
              {t('overview.class.output')}
            </th>
            <th scope="col" className="num">
              {t('overview.class.reasoning')}
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
          {file.totals.map((m) => (
            <tr key={`${m.provider}/${m.model}/${m.currency ?? ''}`}>
              <th scope="row">
                {m.model} <span className="muted-inline">{m.provider}</span>
              </th>
              <td>{formatInteger(m.facts)}</td>
              <TokenCells tokens={m.tokens} />
              <td data-class="requests">{formatInteger(m.requests)}</td>
              <td data-class="billed">{m.billed !== null && m.currency !== null ? formatExactMoney(m.billed, m.currency) : '—'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="file-total">
            <th scope="row">{t('explore.total')}</th>
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
