/** The bundled demo data. */
import { z } from 'zod';
import { method } from '../define';
import type { DemoResult } from '../types';

export const demoApi = {
  /** Import the bundled sample exports (one token source per vendor, plus the cost files that bill them). */
  'demo.load': method<DemoResult>()(z.object({}).strict(), 'Load the bundled demo data.'),
} as const;
