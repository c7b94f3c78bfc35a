/** Handlers of the agents noun (shared/contract/api/agents.ts): find, import and watch the coding agents' logs. */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { mutates } from '../hooks';
import { findAgentLogs } from './agent-logs';
import { writeKeepUpToDate } from './agent-watch-store';
import { agentWatchStatus, processAgentEnv, startAgentWatch, stopAgentWatch } from './agent-watch';
import { importSource } from './service';

export const agentHandlers = {
  'agents.find': async () => {
    const found = await findAgentLogs(processAgentEnv());
    return { locations: found.locations.map(({ paths: _paths, ...l }) => l), searched: found.searched };
  },
  'agents.import': mutates(
    'import',
    async (input, ctx) => {
      const found = await findAgentLogs(processAgentEnv());
      const unknown = (input.ids ?? []).filter((id) => !found.locations.some((l) => l.id === id));
      if (unknown.length > 0) throw saidError('NOT_FOUND', 'engine.error.noAgentLogsAt', { ids: unknown.join(', ') }, { ids: unknown });
      const chosen = input.ids ? found.locations.filter((l) => input.ids!.includes(l.id)) : found.locations;
      const paths = chosen.flatMap((l) => l.paths);
      if (paths.length === 0) throw saidError('NOT_FOUND', 'engine.error.noAgentLogs', { searched: found.searched.join(', ') });
      return importSource(ctx, { paths }, { onError: input.onError ?? 'abort', label: 'Agent logs' });
    },
    (r) => r.counts.new + r.counts.revised > 0,
  ),
  // Starting the watcher changes nothing now; each import it runs later tells the host itself (agent-watch.ts).
  'agents.watch': mutates(
    'import',
    (input, ctx) => {
      if (input.remember) writeKeepUpToDate(ctx.db, input.on);
      return input.on ? startAgentWatch(ctx) : stopAgentWatch(ctx);
    },
    () => false,
  ),
  'agents.watchStatus': (_input, ctx) => agentWatchStatus(ctx),
} satisfies Partial<ApiHandlers<EngineContext>>;
