/** Usage by agent session, latest activity first (the engine's agents.sessions, as `tokenledger report --by session`). */
import type { AgentSession } from '../../../../shared/contract/api/agents';
import { formatAmounts, formatInteger } from '../../ui/format';

const money = (a: Record<string, string>) => (Object.keys(a).length ? formatAmounts(a).join(' + ') : '');
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
const tokensOf = (s: AgentSession) => s.tokens.input + s.tokens.cache_read + s.tokens.cache_write_5m + s.tokens.cache_write_1h + s.tokens.output;

export function SessionsTable({ sessions }: { sessions: AgentSession[] }) {
  return (
    <article className="card wide" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <div className="table-scroll">
        <table className="data" data-testid="sessions-table">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Tool</th>
              <th scope="col">Models</th>
              <th scope="col">Last (UTC)</th>
              <th scope="col" className="num">Tokens</th>
              <th scope="col" className="num">Requests</th>
              <th scope="col" className="num">Spend</th>
              <th scope="col" className="num">In plan</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={`${s.tool}|${s.session}`}>
                <th scope="row">{s.session}</th>
                <td>{s.tool}</td>
                <td>{s.models.join(', ')}</td>
                <td>{minute(s.lastAt)}</td>
                <td className="num">{formatInteger(tokensOf(s))}</td>
                <td className="num">{formatInteger(s.requests)}</td>
                <td className="num">{money(s.spend)}</td>
                <td className="num">{money(s.notional)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
