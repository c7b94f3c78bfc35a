/** The wizard's dry run: the first rows as the ledger would read them, or what stops the mapping. */
import type { MappingPreview } from '../../../../../shared/contract/api/mappings';
import { formatExactMoney, formatInteger } from '../../../ui/format';
import { useSay, useT } from '../../../ui/i18n';

function DryRunRows({ rows }: { rows: MappingPreview['rows'] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="import-table" data-testid="mapping-rows">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('imports.col.line')}
            </th>
            <th scope="col">{t('explore.fact.start')}</th>
            <th scope="col">{t('explore.dim.model')}</th>
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
              {t('explore.class.reasoning')}
            </th>
            <th scope="col" className="num">
              {t('explore.metric.requests')}
            </th>
            <th scope="col" className="num">
              {t('imports.role.cost')}
            </th>
            <th scope="col">{t('explore.dim.project')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
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
  );
}

export function MappingDryRun({ preview, error }: { preview: MappingPreview | null; error: string | null }) {
  const t = useT();
  const say = useSay();
  return (
    <section className="mapping-dry-run" aria-label={t('imports.map.dryRun')} aria-live="polite" data-testid="mapping-dry-run">
      <h3>{t('imports.map.firstRows')}</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!preview && !error && <p aria-busy="true">{t('imports.map.readingRows')}</p>}
      {preview && preview.problems.length > 0 && (
        <ul className="mapping-problems" data-testid="mapping-problems">
          {preview.problemsSaid.map((p, i) => (
            <li key={preview.problems[i]}>{say(p)}</li>
          ))}
        </ul>
      )}
      {preview && preview.problems.length === 0 && (
        <>
          {preview.rows.length > 0 && <DryRunRows rows={preview.rows} />}
          {preview.issues.length > 0 && (
            <ul className="mapping-problems" data-testid="mapping-issues">
              {preview.issues.map((i) => (
                <li key={`${i.line}-${i.field}`}>
                  {t('imports.map.issue', { line: i.line, field: i.field, message: say(i.said) })}
                </li>
              ))}
            </ul>
          )}
          {preview.rows.length === 0 && preview.issues.length === 0 && <p className="muted">{t('imports.map.noRows')}</p>}
        </>
      )}
    </section>
  );
}
