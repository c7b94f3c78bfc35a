/** The bundled demo data. */
import { z } from 'zod';
import { method } from '../define';
import type { DemoRemoveResult, DemoResult, DemoStatus } from '../types';

export const demoApi = {
  /**
   * Import the bundled sample exports (one token source per vendor, plus the cost files that bill them)
   * as batches marked demo; while they are in the ledger, loading again adds nothing.
   */
  'demo.load': method<DemoResult>()(z.object({}).strict(), 'Load the bundled demo data.'),
  /** Whether the ledger holds demo data. */
  'demo.status': method<DemoStatus>()(z.object({}).strict(), 'Whether the ledger holds demo data.'),
  /** Undo every demo batch in one step (all or nothing). */
  'demo.remove': method<DemoRemoveResult>()(z.object({}).strict(), 'Remove the demo data.'),
} as const;
