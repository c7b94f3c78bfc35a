/**
 * Keeping the coding agents' logs imported as they are written: chokidar watches the folders that
 * `findAgentLogs` searches (those that exist), and the files written or appended there are imported a
 * moment later (DEBOUNCE_MS, so a burst of appends is one import). Only the files that changed are read
 * again, through the import's file state (file-state.ts): a Claude Code log from where the last import
 * stopped, formats whose lines depend on earlier ones (a Codex file's running totals) whole; the ledger
 * counts each call once, and a change that adds nothing leaves no batch.
 *
 * It runs in the engine's host process, never in the window; parsing large files goes to the import's
 * parser worker as any import does. One watcher per engine; `stopAgentWatch` runs when the engine closes.
 */
import { watch, type FSWatcher } from 'chokidar';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { relative, sep } from 'node:path';
import type { AgentWatchStatus } from '../../../shared/contract/api/agents';
import type { ImportResult } from '../../../shared/contract/types';
import type { EngineContext } from '../context';
import { ledgerChanged } from '../hooks';
import { agentRoots, findAgentLogs, type AgentEnv, type AgentRoot } from './agent-logs';
import { readKeepUpToDate } from './agent-watch-store';
import { importSource } from './service';
import { closeAgentWatch, watchers } from './agent-watchers';

export { closeAgentWatch };

const DEBOUNCE_MS = 300;

/** The machine's own places: this process's platform, home folder and environment. */
export function processAgentEnv(): AgentEnv {
  return { platform: process.platform, home: homedir(), env: process.env };
}

/** Import files now, as one change of the ledger (hooks, then 'ledger.changed', when something moved). */
export async function importAgentFiles(ctx: EngineContext, paths: readonly string[], onError: 'skip' | 'abort'): Promise<ImportResult> {
  const result = await importSource(ctx, { paths }, { onError, label: 'Agent logs' });
  if (result.counts.new + result.counts.revised > 0) ledgerChanged(ctx, 'import');
  return result;
}

class AgentWatcher {
  readonly status: Omit<AgentWatchStatus, 'keep'> = { watching: true, folders: [], imports: 0, newFacts: 0, lastImportAt: null, lastError: null };
  private watcher: FSWatcher | null = null;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly roots: AgentRoot[],
  ) {}

  async start(initial: readonly string[]): Promise<void> {
    const folders = this.roots.map((r) => r.root).filter((f) => existsSync(f));
    this.status.folders = folders;
    if (folders.length > 0) {
      const w = watch(folders, { ignoreInitial: true, ignored: (p) => /(?:^|[\\/])\.[^\\/]+$/.test(p) });
      w.on('add', (p) => this.changed(p));
      w.on('change', (p) => this.changed(p));
      w.on('error', (e) => (this.status.lastError = e instanceof Error ? e.message : String(e)));
      await new Promise<void>((ready) => w.once('ready', () => ready()));
      this.watcher = w;
    }
    for (const p of initial) this.pending.add(p);
    if (this.pending.size > 0) this.schedule(0);
  }

  /** A file written under a watched folder: imported if it is one of the tools' logs. */
  private changed(path: string): void {
    const root = this.roots.find((r) => path.startsWith(r.root + sep) && r.accept.test(relative(r.root, path).split(sep).join('/')));
    if (!root) return;
    this.pending.add(path);
    this.schedule(DEBOUNCE_MS);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    if (this.running) {
      // One import at a time: what arrived meanwhile goes in the next one.
      await this.running;
      if (this.pending.size > 0) this.schedule(0);
      return;
    }
    const paths = [...this.pending].filter((p) => existsSync(p));
    this.pending.clear();
    if (paths.length === 0 || this.stopped) return;
    this.running = (async () => {
      try {
        const r = await importAgentFiles(this.ctx, paths, 'skip');
        this.status.imports++;
        this.status.newFacts += r.counts.new;
        this.status.lastError = null;
      } catch (e) {
        this.status.lastError = e instanceof Error ? e.message : String(e);
      } finally {
        this.status.lastImportAt = new Date(this.ctx.now()).toISOString();
        this.running = null;
      }
    })();
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running;
    this.status.watching = false;
  }
}

const idle = (): Omit<AgentWatchStatus, 'keep'> => ({ watching: false, folders: [], imports: 0, newFacts: 0, lastImportAt: null, lastError: null });

export function agentWatchStatus(ctx: EngineContext): AgentWatchStatus {
  const w = watchers.get(ctx);
  return { ...(w ? { ...w.status, folders: [...w.status.folders] } : idle()), keep: readKeepUpToDate(ctx.db) };
}

/** Start watching (and import what is there now, in the background); a second start changes nothing. */
export async function startAgentWatch(ctx: EngineContext, env: AgentEnv = processAgentEnv()): Promise<AgentWatchStatus> {
  if (!watchers.has(ctx)) {
    const w = new AgentWatcher(ctx, agentRoots(env));
    watchers.set(ctx, w);
    const found = await findAgentLogs(env);
    await w.start(found.locations.flatMap((l) => l.paths));
  }
  return agentWatchStatus(ctx);
}

export async function stopAgentWatch(ctx: EngineContext): Promise<AgentWatchStatus> {
  await closeAgentWatch(ctx);
  return agentWatchStatus(ctx);
}
