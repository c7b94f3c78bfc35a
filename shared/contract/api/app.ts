/** The running engine: version, schema and database file. */
import { z } from 'zod';
import { method } from '../define';
import type { AppInfo } from '../types';

export const appApi = {
  /** Version, schema and database file of the running engine. */
  'app.info': method<AppInfo>()(z.object({}).strict(), 'Version, schema and database file of the running engine.'),
} as const;
