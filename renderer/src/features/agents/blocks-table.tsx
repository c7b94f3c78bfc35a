/** The latest five-hour usage blocks, newest first (the engine's agents.blocks, as `tokenledger blocks`). */
import type { AgentBlock } from '../../../../shared/contract/api/agents';
import { formatAmounts, formatInteger } from '../../ui/format';

const money = (a: Record<string, string>) => (Object.keys(a).length ? formatAmounts(a).join(' + ') : '');
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

export function BlocksTable({ blocks }: { blocks: AgentBlock[] }) {
  return (
    <article className="card wide" aria-labelledby="blocks-title">
      <h2 id="blocks-title">Five-hour blocks</h2>
      <div className="table-scroll">
        <table className="data" data-testid="blocks-table">
          <thead>
            <tr>
              <th scope="col">Block start (UTC)</th>
              <th scope="col">Last call</th>
              <th scope="col" className="num">Calls</th>
              <th scope="col" className="num">Tokens</th>
              <th scope="col" className="num">Spend</th>
              <th scope="col" className="num">In plan</th>
            </tr>
          </thead>
          <tbody>
            {[...blocks].reverse().map((b) => (
              <tr key={b.start}>
                <th scope="row">
                  {minute(b.start)}
                  {b.active ? ' (active)' : ''}
                </th>
                <td>{minute(b.lastAt).slice(11)}</td>
                <td className="num">{formatInteger(b.calls)}</td>
                <td className="num">{formatInteger(b.tokens)}</td>
                <td className="num">{money(b.spend)}</td>
                <td className="num">{money(b.notional)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
