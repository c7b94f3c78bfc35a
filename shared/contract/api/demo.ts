/** The demo data: generated for the engine's clock (a team's last three months and this one). */
import { z } from 'zod';
import { method } from '../define';
import type { DemoRemoveResult, DemoResult, DemoStatus } from '../types';

export const demoApi = {
  /**
   * Generate the demo for the engine's clock (a team's last three months and this one: provider bills in
   * USD and CNY, coding-agent logs, names, DeepSeek's dated prices, two budgets), import it as batches
   * marked demo; while they are in the ledger, loading again adds nothing.
   */
  'demo.load': method<DemoResult>()(z.object({}).strict(), 'Load a generated demo: a team\'s last three months.'),
  /** Whether the ledger holds demo data. */
  'demo.status': method<DemoStatus>()(z.object({}).strict(), 'Whether the ledger holds demo data.'),
  /** Undo every demo batch and take out the demo's names, prices and budgets, in one step (all or nothing). */
  'demo.remove': method<DemoRemoveResult>()(z.object({}).strict(), 'Remove the demo data.'),
} as const;
