/**
 * Display names for the ids exports carry (projects, API keys, members, accounts): the facts keep the
 * id; screens, CLI tables and exports show the name.
 */
import { z } from 'zod';
import { method } from '../define';
import { NAMED_DIMENSIONS, type NamedDimension } from '../../domain/names';

export { NAMED_DIMENSIONS, type NamedDimension };

/** One display name: the schema every method of this noun checks at dispatch. */
export const displayNameSchema = z
  .object({
    dimension: z.enum(NAMED_DIMENSIONS),
    value: z.string().min(1).max(500),
    name: z
      .string()
      .trim()
      .min(1, 'A display name cannot be empty')
      .max(120, 'A display name is at most 120 characters'),
  })
  .strict();

export type DisplayName = z.output<typeof displayNameSchema>;

/** Display names by dimension, then by id: { project: { wrkspc_01...: 'Support bot' } }. */
/** Display names by dimension; `machine` maps a machine id to its name (Settings > Team, or the bundle's). */
export type NameMap = Partial<Record<NamedDimension | 'machine', Record<string, string>>>;

/**
 * The ids behind a grouped key, by dimension, then key: ids that share a display name are one group, whose
 * key is the first id given that name (shared/domain/names.ts). Listed only where a key stands for more
 * than itself: { project: { proj_checkout: ['/work/checkout-web', 'checkout-web', 'proj_checkout'] } }.
 */
export type NameIds = Partial<Record<NamedDimension, Record<string, string[]>>>;

/** A value of a dimension as the ledger holds it, with its display name when it has one. */
export interface LedgerValue {
  value: string;
  name: string | null;
  facts: number;
}

export const namesApi = {
  /** Every display name, optionally of one dimension, sorted by dimension and id. */
  'names.list': method<DisplayName[]>()(displayNameSchema.pick({ dimension: true }).partial().strict(), 'List the display names.'),
  /** Give an id a display name (replaces the one it had). */
  'names.set': method<DisplayName>()(displayNameSchema, 'Name a project, key, member or account.'),
  /** Take an id's display name away (it shows as its id again). */
  'names.remove': method<{ removed: boolean }>()(displayNameSchema.pick({ dimension: true, value: true }).strict(), 'Remove a display name.'),
  /**
   * The values a dimension takes in the ledger (most facts first), with their names: for the budget
   * scope picker's autocomplete and `names list --values`. `search` matches the id or the name.
   */
  'names.values': method<LedgerValue[]>()(
    z
      .object({
        dimension: z.enum(['provider', 'vendor', 'origin_region', 'model', 'machine', ...NAMED_DIMENSIONS]),
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    "A dimension's values in the ledger.",
  ),
} as const;
