/**
 * The running log watchers, by engine (agent-watch.ts starts them): apart from the watcher's code, so an
 * engine closing stops its watcher without loading chokidar and the import pipeline when none ran.
 */
import type { AgentWatchStatus } from '../../../shared/contract/api/agents';
import type { EngineContext } from '../context';

export interface RunningWatch {
  readonly status: Omit<AgentWatchStatus, 'keep'>;
  stop(): Promise<void>;
}

export const watchers = new WeakMap<EngineContext, RunningWatch>();

/** Stop the watcher of this engine, if any (reads nothing: the engine may be closing). */
export async function closeAgentWatch(ctx: EngineContext): Promise<void> {
  const w = watchers.get(ctx);
  if (w) {
    watchers.delete(ctx);
    await w.stop();
  }
}
