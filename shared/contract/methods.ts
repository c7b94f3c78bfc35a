/**
 * THE api: every method the engine answers, by `noun.verb` name, with one JSON input object.
 * Hosts (Electron IPC, HTTP, CLI) and clients (renderer, tests) derive their types from this.
 *
 * To add a method: one entry here (schema + output type + summary), one handler in
 * electron/engine/service/handlers.ts (the `satisfies ApiHandlers` there fails to compile until
 * you do), and a test through dispatch.
 */
import { z } from 'zod';
import { method } from './define';
import type {
  AppInfo,
  DemoResult,
  ImportBatchInfo,
  ImportPreview,
  ImportResult,
  ImportUndoResult,
  ReportTotals,
  Settings,
} from './types';

/** A calendar day, YYYY-MM-DD (inclusive bounds in report ranges). */
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD');
const empty = z.object({}).strict();

export const settingsSchema = z
  .object({
    displayCurrency: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code'),
    timeZone: z.string().min(1).refine(isTimeZone, 'unknown IANA time zone'),
    weekStart: z.enum(['monday', 'sunday']),
    theme: z.enum(['system', 'light', 'dark']),
  })
  .strict();

const onErrorSchema = z.enum(['skip', 'abort']);
const importIdSchema = z.string().min(1).max(100);
const uploadSchema = z
  .object({ name: z.string().min(1).max(500), contentBase64: z.string() })
  .strict();
/** Where an import's files come from: paths (desktop, CLI) or uploaded contents (browser host). */
const importSourceSchema = {
  paths: z.array(z.string().min(1)).min(1).optional(),
  files: z.array(uploadSchema).min(1).optional(),
};
const oneSource = (v: { paths?: unknown; files?: unknown; previewId?: unknown }) =>
  [v.paths, v.files, v.previewId].filter((x) => x !== undefined).length === 1;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const api = {
  /** Version, schema and database file of the running engine. */
  'app.info': method<AppInfo>()(empty, 'Version, schema and database file of the running engine.'),

  /** Read the user's settings (defaults filled in). */
  'settings.get': method<Settings>()(empty, "Read the user's settings."),
  /** Change some settings; answers the whole settings object. */
  'settings.update': method<Settings>()(settingsSchema.partial().strict(), 'Change some settings.'),

  /** Import the bundled sample exports (one token source per vendor, plus the cost files that bill them). */
  'demo.load': method<DemoResult>()(empty, 'Load the bundled demo data.'),

  /** Ledger totals over a date range (UTC days, inclusive), the shape `tokenledger report --json` prints. */
  'report.totals': method<ReportTotals>()(
    z.object({ from: isoDay.optional(), to: isoDay.optional() }).strict(),
    'Totals over a date range.',
  ),

  /** Read files or folders, identify each by content, classify rows against the ledger; nothing is written. */
  'imports.preview': method<ImportPreview>()(
    z
      .object({ ...importSourceSchema, onError: onErrorSchema.default('abort'), importId: importIdSchema.optional() })
      .strict()
      .refine(oneSource, 'give exactly one of paths or files'),
    'Preview an import: formats, counts per class, totals, row issues, overlaps.',
  ),
  /** Commit a preview (by previewId) or import paths/files directly; one transaction, one batch per file. */
  'imports.commit': method<ImportResult>()(
    z
      .object({
        previewId: z.string().min(1).optional(),
        ...importSourceSchema,
        onError: onErrorSchema.optional(),
        importId: importIdSchema.optional(),
        label: z.string().max(200).optional(),
      })
      .strict()
      .refine(oneSource, 'give exactly one of previewId, paths or files'),
    'Commit an import.',
  ),
  /** Cancel a running preview or import by its importId. */
  'imports.cancel': method<{ cancelled: boolean }>()(z.object({ importId: importIdSchema }).strict(), 'Cancel a running import.'),
  /** Import batches, newest first. */
  'imports.list': method<ImportBatchInfo[]>()(
    z.object({ includeUndone: z.boolean().optional(), limit: z.number().int().min(1).max(10000).optional() }).strict(),
    'History of import batches.',
  ),
  /** Undo a batch: its facts leave, the facts it revised get their earlier values back. */
  'imports.undo': method<ImportUndoResult>()(z.object({ batchId: z.number().int().positive() }).strict(), 'Undo an import batch.'),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export const METHOD_NAMES = Object.keys(api) as MethodName[];

export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Api[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}
