/** Coding agents' logs: where they are on this computer, import them, keep them up to date. */
import { z } from 'zod';
import { method } from '../define';
import type { AmountsByCurrency, ImportResult } from '../types';
import type { TokenCounts } from '../../domain/fact';
import { isoDay } from '../schemas';

export const AGENT_TOOLS = ['claude-code', 'codex', 'gemini-cli', 'opencode', 'kilo-cli', 'qwen-code', 'cline', 'roo-code', 'kilo-code', 'copilot-cli'] as const;
export type AgentTool = (typeof AGENT_TOOLS)[number];

/** One folder where a tool keeps its logs, with what is there now. */
export interface AgentLocation {
  /** `<tool>:<folder>`: what `agents.import` takes to import only some locations. */
  id: string;
  tool: AgentTool;
  /** "Codex CLI / Desktop". */
  label: string;
  folder: string;
  /** The tool's log files under the folder (never its settings or credentials). */
  files: number;
  bytes: number;
  /** The newest file's modification time (ISO). */
  modifiedAt: string;
}

export interface AgentFindResult {
  locations: AgentLocation[];
  /** Every folder looked in, found or not (the platform's defaults and the tools' variables). */
  searched: string[];
}

export interface AgentWatchStatus {
  watching: boolean;
  /** The user's choice "Keep agent logs up to date", remembered in the ledger: the desktop app starts watching at launch. */
  keep: boolean;
  /** Folders watched (those of `agents.find` that exist). */
  folders: string[];
  /** Imports the watcher ran, facts they added, and the last one's time and error. */
  imports: number;
  newFacts: number;
  lastImportAt: string | null;
  lastError: string | null;
}

/** One agent session (a Claude Code, Codex, Gemini CLI... session id; a Cline/Roo task id): ids and counts only. */
export interface AgentSession {
  session: string;
  tool: string;
  project: string | null;
  models: string[];
  firstAt: string;
  lastAt: string;
  tokens: TokenCounts;
  requests: number;
  spend: AmountsByCurrency;
  /** Value at list price of usage a plan includes: never spend. */
  notional: AmountsByCurrency;
  unpricedTokens: number;
}

/** A five-hour usage block (shared/domain/reports/blocks.ts). */
export interface AgentBlock {
  start: string;
  end: string;
  firstAt: string;
  lastAt: string;
  active: boolean;
  calls: number;
  tokens: number;
  spend: AmountsByCurrency;
  notional: AmountsByCurrency;
  /** The active block's burn rate (first to last call) and its projection to the block's end. */
  burn: { tokensPerMinute: number; spendPerHour: AmountsByCurrency; projectedTokens: number; projectedSpend: AmountsByCurrency; remainingMinutes: number } | null;
}

/** Money of one scope of the status line: spend, and the notional value of usage a plan includes. */
export interface StatusFigure {
  spend: AmountsByCurrency;
  notional: AmountsByCurrency;
  /** Calls with no price and no cost of their own (shown as "+N unpriced", never as $0). */
  unpricedCalls: number;
}

export interface AgentStatusLine {
  /** The one line Claude Code shows. */
  line: string;
  today: StatusFigure & { day: string };
  block: (StatusFigure & { end: string; remainingMinutes: number }) | null;
  session: (StatusFigure & { session: string }) | null;
}

const onError = z.enum(['skip', 'abort']);
const tool = z.string().min(1).max(80).optional();

export const agentsApi = {
  /** Look in each coding agent's default locations (and the folders its variables name) and list what is there. */
  'agents.find': method<AgentFindResult>()(z.object({}).strict(), "Find the coding agents' logs on this computer."),
  /** Import what `agents.find` finds now (all of it, or the locations named by id): one transaction, re-import adds nothing. */
  'agents.import': method<ImportResult>()(
    z.object({ ids: z.array(z.string().min(1)).min(1).optional(), onError: onError.optional() }).strict(),
    "Import the coding agents' logs found on this computer.",
  ),
  /** Start or stop keeping the agents' logs up to date: files written or appended are imported within seconds. */
  'agents.watch': method<AgentWatchStatus>()(
    z.object({ on: z.boolean(), remember: z.boolean().optional() }).strict(),
    "Keep the coding agents' logs imported as they are written (remember: the desktop app does so at every launch).",
  ),
  /** Whether the agents' logs are being watched, and what the watcher has imported. */
  'agents.watchStatus': method<AgentWatchStatus>()(z.object({}).strict(), "The agents' log watcher's state."),
  /** Usage by agent session (UTC days from/to), latest activity first. */
  'agents.sessions': method<AgentSession[]>()(
    z.object({ from: isoDay.optional(), to: isoDay.optional(), tool, limit: z.number().int().min(1).max(100_000).default(1000) }).strict(),
    'Usage by agent session.',
  ),
  /** Five-hour usage blocks of per-call usage (UTC days from/to), oldest first; the active one decided by the engine's clock. */
  'agents.blocks': method<AgentBlock[]>()(
    z.object({ from: isoDay.optional(), to: isoDay.optional(), tool, active: z.boolean().optional() }).strict(),
    'Five-hour usage blocks.',
  ),
  /** Claude Code's status line: today's, this block's and the session's cost from the ledger. */
  'agents.statusline': method<AgentStatusLine>()(
    z.object({ sessionId: z.string().min(1).max(200).optional(), model: z.string().max(200).optional() }).strict(),
    "One status line: today's, the block's and the session's cost.",
  ),
} as const;
