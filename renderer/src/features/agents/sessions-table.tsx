/** Usage by agent session, latest activity first (the engine's agents.sessions, as `tokenledger report --by session`). */
import type { AgentSession } from '../../../../shared/contract/api/agents';
import { formatAmounts, formatInteger } from '../../ui/format';
import { useT } from '../../ui/i18n';

const money = (a: Record<string, string>) => (Object.keys(a).length ? formatAmounts(a).join(' + ') : '');
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
const tokensOf = (s: AgentSession) => s.tokens.input + s.tokens.cache_read + s.tokens.cache_write_5m + s.tokens.cache_write_1h + s.tokens.output;

export function SessionsTable({ sessions }: { sessions: AgentSession[] }) {
  const t = useT();
  return (
    <article className="card wide" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('agents.sessions.title')}</h2>
      <div className="table-scroll">
        <table className="data" data-testid="sessions-table">
          <thead>
            <tr>
              <th scope="col">{t('agents.sessions.session')}</th>
              <th scope="col">{t('agents.sessions.tool')}</th>
              <th scope="col">{t('agents.sessions.models')}</th>
              <th scope="col">{t('agents.sessions.last')}</th>
              <th scope="col" className="num">
                {t('agents.col.tokens')}
              </th>
              <th scope="col" className="num">
                {t('agents.col.requests')}
              </th>
              <th scope="col" className="num">
                {t('agents.col.spend')}
              </th>
              <th scope="col" className="num">
                {t('agents.col.inPlan')}
              </th>
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
