/** Handlers of the agents' usage views (shared/contract/api/agents.ts): sessions, blocks, the status line. */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { agentBlocks, agentSessions, agentStatusLine } from './agent-views';

export const agentViewHandlers = {
  'agents.sessions': (input, ctx) => agentSessions(ctx, input),
  'agents.blocks': (input, ctx) => agentBlocks(ctx, input),
  'agents.statusline': (input, ctx) => agentStatusLine(ctx, input),
} satisfies Partial<ApiHandlers<EngineContext>>;
