/** The user's settings: display currency, time zone, first day of the week, theme, language. */
import { z } from 'zod';
import { method } from '../define';
import { currencyCode, timeZone } from '../schemas';
import type { Settings } from '../types';

export const settingsSchema = z
  .object({
    displayCurrency: currencyCode,
    timeZone,
    weekStart: z.enum(['monday', 'sunday']),
    theme: z.enum(['system', 'light', 'dark']),
    locale: z.enum(['system', 'en', 'zh-CN']),
    allowPrivateWebhooks: z.boolean(),
  })
  .strict();

export const settingsApi = {
  /** Read the user's settings (defaults filled in). */
  'settings.get': method<Settings>()(z.object({}).strict(), "Read the user's settings."),
  /** Change some settings; answers the whole settings object. */
  'settings.update': method<Settings>()(settingsSchema.partial().strict(), 'Change some settings.'),
} as const;
