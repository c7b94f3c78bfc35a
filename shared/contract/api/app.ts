/** The app's own methods: info, settings, demo data. */
import { z } from 'zod';
import { method } from '../define';
import type { AppInfo, DemoResult, Settings } from '../types';

const empty = z.object({}).strict();

export const settingsSchema = z
  .object({
    displayCurrency: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code'),
    timeZone: z.string().min(1).refine(isTimeZone, 'unknown IANA time zone'),
    weekStart: z.enum(['monday', 'sunday']),
    theme: z.enum(['system', 'light', 'dark']),
  })
  .strict();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const appApi = {
  /** Version, schema and database file of the running engine. */
  'app.info': method<AppInfo>()(empty, 'Version, schema and database file of the running engine.'),

  /** Read the user's settings (defaults filled in). */
  'settings.get': method<Settings>()(empty, "Read the user's settings."),
  /** Change some settings; answers the whole settings object. */
  'settings.update': method<Settings>()(settingsSchema.partial().strict(), 'Change some settings.'),

  /** Import the bundled sample exports (one token source per vendor, plus the cost files that bill them). */
  'demo.load': method<DemoResult>()(empty, 'Load the bundled demo data.'),

  // 'report.totals' lives in ./report.ts with the other reports.
} as const;
