/**
 * Agents: the views coding-agent users know from ccusage, from the engine's own functions (the same as
 * `tokenledger blocks` and `report --by session`): the block in progress with its burn rate and
 * projection, the latest five-hour blocks, and usage by session.
 */
import type { AgentBlock, AgentSession } from '../../../../shared/contract/api/agents';
import { useApiData } from '../../client/use-api';
import { useT } from '../../ui/i18n';
import { ActiveBlock } from './active-block';
import { BlocksTable } from './blocks-table';
import { SessionsTable } from './sessions-table';
import './agents.css';

/** The blocks of the last 30 UTC days and the 200 latest sessions: what a screen can show. */
const RECENT_DAYS = 30;
const SESSIONS = 200;

export function AgentsScreen() {
  const t = useT();
  const data = useApiData<{ blocks: AgentBlock[]; sessions: AgentSession[] }>(async (c) => {
    const latest = await c.call('agents.blocks', { active: true });
    const all = await c.call('agents.sessions', { limit: SESSIONS });
    const to = all[0]?.lastAt.slice(0, 10);
    const from = to && new Date(Date.parse(to) - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
    const blocks = from ? await c.call('agents.blocks', { from }) : latest;
    return { blocks, sessions: all };
  }, []);
  const v = data.value;
  return (
    <section aria-labelledby="screen-title" className="agents-screen">
      <div className="screen-head">
        <h1 id="screen-title">{t('app.screen.agents')}</h1>
      </div>
      {data.state === 'error' && <p role="alert">{t('agents.loadError', { message: data.error.message })}</p>}
      {!v && data.state === 'loading' && <p aria-live="polite">{t('app.loading')}</p>}
      {v &&
        (v.sessions.length === 0 && v.blocks.length === 0 ? (
          <div className="empty">
            <p>{t('agents.empty')}</p>
          </div>
        ) : (
          <>
            <ActiveBlock block={v.blocks.find((b) => b.active) ?? null} />
            <BlocksTable blocks={v.blocks} />
            <SessionsTable sessions={v.sessions} />
          </>
        ))}
    </section>
  );
}
