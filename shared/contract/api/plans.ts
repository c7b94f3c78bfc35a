/**
 * Plan or pay-as-you-go: a tool's usage that a subscription pays for (Claude Code on a Max plan, Codex on
 * ChatGPT, Cursor's included usage) is notional. It is shown as its value at list price, never as spend:
 * not in a total's spend, a budget or a tip's saving. A row that says which it is (Cursor's Kind) keeps
 * its word; the others follow the setting of their tool and account, else of their tool.
 */
import { z } from 'zod';
import { method } from '../define';
import type { UsagePlan } from '../../domain/fact';

export type { UsagePlan } from '../../domain/fact';
export const USAGE_PLANS = ['included', 'payg'] as const;

/** One setting: the tool (a provider of the ledger: claude-code, codex-log, cursor...) and account it applies to. */
export interface UsagePlanSetting {
  tool: string;
  /** null: every account of the tool (an account's own setting wins). */
  account: string | null;
  plan: UsagePlan;
}

/** A tool the ledger holds usage of that no bill states (its money is recorded or estimated), with its setting. */
export interface PlanTool {
  tool: string;
  facts: number;
  /** The tool-wide setting (null: pay-as-you-go unless its rows say otherwise). */
  plan: UsagePlan | null;
  /** The accounts its rows name, most facts first: each may have its own setting, which wins over the tool's. */
  accounts: PlanAccount[];
}

/** An account seen in a tool's rows, with its own setting (null: the tool's). */
export interface PlanAccount {
  account: string;
  facts: number;
  plan: UsagePlan | null;
}

export interface UsagePlans {
  settings: UsagePlanSetting[];
  tools: PlanTool[];
}

const tool = z.string().trim().min(1).max(80);
const account = z.string().trim().min(1).max(500).nullable().optional();

export const plansApi = {
  /** The settings, and the tools of the ledger that can take one. */
  'plans.list': method<UsagePlans>()(z.object({}).strict(), 'List the plan settings.'),
  /**
   * Say how a tool's (or one of its accounts') usage is paid: 'included' in a subscription (notional) or
   * 'payg'; null removes the setting. Every figure of the tool's days is recounted.
   */
  'plans.set': method<UsagePlans>()(
    z.object({ tool, account, plan: z.enum(USAGE_PLANS).nullable() }).strict(),
    "Set a tool's usage as included in a plan or pay-as-you-go.",
  ),
} as const;
