/** The wizard's dry run: the first rows as the ledger would read them, or what stops the mapping. */
import type { MappingPreview } from '../../../../../shared/contract/api/mappings';
import { formatExactMoney, formatInteger } from '../../../ui/format';

function DryRunRows({ rows }: { rows: MappingPreview['rows'] }) {
  return (
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
          {preview.rows.length > 0 && <DryRunRows rows={preview.rows} />}
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
