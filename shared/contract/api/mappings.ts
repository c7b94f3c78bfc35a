/**
 * Column mapping profiles: a CSV export no built-in format reads is mapped column by column in a wizard,
 * saved as a profile, and every later file with the same header is imported with it.
 */
import { z } from 'zod';
import { GRANULARITIES, type TokenCounts } from '../../domain/fact';
import { DELIMITERS, TIME_FORMATS, type MappingProfile, type MappingRoles } from '../../domain/csv-mapping';
import { method } from '../define';
import { fileSource, id, oneFile } from '../schemas';
import type { Said } from '../../i18n/said';

export type { MappingProfile, MappingProfileDraft, MappingRoles } from '../../domain/csv-mapping';
export { TIME_FORMATS } from '../../domain/csv-mapping';

const column = z.string().min(1).max(300);
const optionalColumn = column.nullable().default(null);

export const mappingRolesSchema = z
  .object({
    time: z
      .object({
        start: z.string().max(300),
        end: optionalColumn,
        format: z.enum(TIME_FORMATS),
        timeZone: z.string().min(1).max(64).default('UTC'),
        granularity: z.enum(GRANULARITIES).default('request'),
      })
      .strict(),
    provider: z.string().max(60),
    model: optionalColumn,
    tokens: z
      .object({
        input: optionalColumn,
        inputIncludesCached: z.boolean().default(false),
        cacheRead: optionalColumn,
        cacheWrite: optionalColumn,
        output: optionalColumn,
        reasoning: optionalColumn,
      })
      .strict(),
    requests: optionalColumn,
    cost: optionalColumn,
    currencyColumn: optionalColumn,
    currency: z.string().max(3).nullable().default(null),
    decimalComma: z.boolean().default(false),
    project: optionalColumn,
    apiKey: optionalColumn,
    member: optionalColumn,
    account: optionalColumn,
    identity: z.array(column).max(20).default([]),
  })
  .strict();

export const mappingDraftSchema = z
  .object({
    name: z.string().max(100),
    header: z.array(z.string().max(300)).min(2).max(1000),
    delimiter: z.enum(DELIMITERS),
    roles: mappingRolesSchema,
  })
  .strict();

/** What `mappings.suggest` reads of a file. */
export interface MappingSuggestion {
  fileName: string;
  header: string[];
  delimiter: (typeof DELIMITERS)[number];
  encoding: string;
  /** The first data rows (up to 10), cells as written. */
  rows: string[][];
  /** Roles guessed from the header names and the first rows' values. */
  suggested: MappingRoles;
  /** A format that already reads this file (a built-in one, or a saved profile), or null. */
  claimedBy: { id: string; label: string } | null;
}

/** One row of a mapping's dry run, as the ledger would read it. */
export interface MappingPreviewRow {
  line: number;
  /** ISO instants. */
  start: string;
  end: string;
  provider: string;
  modelRaw: string | null;
  /** Canonical model id from the catalog (a readable fallback for models it does not know). */
  model: string | null;
  tokens: TokenCounts;
  requests: number;
  billed: string | null;
  currency: string | null;
  project: string | null;
  apiKey: string | null;
  member: string | null;
  account: string | null;
  identity: string;
}

export interface MappingPreview {
  /** What keeps the profile from being saved (empty when it can be); rows are read only when empty. */
  problems: string[];
  /** The same problems as messages of the engine catalog, for the user's language. */
  problemsSaid: Said[];
  rows: MappingPreviewRow[];
  /** Rows of the dry run that cannot be read, with line and column. */
  issues: Array<{ line: number; field: string; message: string; said: Said }>;
  /** Records read (the dry run stops after the first rows). */
  rowsRead: number;
}

export const mappingsApi = {
  /** Read a CSV file's header and first rows, and guess each column's role from its name and values. */
  'mappings.suggest': method<MappingSuggestion>()(
    z.object(fileSource).strict().refine(oneFile, 'give exactly one of path or file'),
    'Header, first rows and suggested column roles of a CSV file.',
  ),
  /** Dry run of an unsaved profile over a file's first rows: the facts it would give, and its problems. */
  'mappings.preview': method<MappingPreview>()(
    z
      .object({ ...fileSource, profile: mappingDraftSchema, limit: z.number().int().min(1).max(200).default(20) })
      .strict()
      .refine(oneFile, 'give exactly one of path or file'),
    'Dry run of a column mapping over the first rows of a file.',
  ),
  /** Save a profile (a new one, or `id` to replace one): files with its header are then imported with it. */
  'mappings.save': method<MappingProfile>()(
    mappingDraftSchema.extend({ id: id.optional() }).strict(),
    'Save a column mapping profile.',
  ),
  /** Saved profiles, by name. */
  'mappings.list': method<MappingProfile[]>()(z.object({}).strict(), 'Saved column mapping profiles.'),
  /** Remove a profile; batches it imported stay (undo them in the history). */
  'mappings.remove': method<{ removed: boolean }>()(z.object({ id }).strict(), 'Remove a column mapping profile.'),
} as const;
