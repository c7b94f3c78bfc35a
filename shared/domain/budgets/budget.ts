/**
 * A budget's definition: what it covers (scope), over which period, in which zone,
 * how much (money in a stated currency, or tokens), when to warn (thresholds), rollover, notes and an
 * optional webhook. The same schema validates the API, the ledger row and the team's JSON file.
 */
import { z } from 'zod';
import { REGIONS, TOKEN_CLASSES } from '../fact';
import { isSaneDay, isTimeZone, SANE_DATES } from '../time';
import type { PeriodSpec } from './period';

const names = z.array(z.string().trim().min(1).max(200)).max(100).default([]);
const DAY_FORM = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(DAY_FORM, 'expected a day as YYYY-MM-DD')
  .refine((s) => !DAY_FORM.test(s) || isSaneDay(s), `expected a real day ${SANE_DATES}`);

/** Every list narrows the scope (AND across lists, OR within one); all empty = everything. */
export const budgetScopeSchema = z
  .object({
    providers: names,
    vendors: names,
    regions: z.array(z.enum(REGIONS)).default([]),
    /** Canonical model ids or families ('claude-sonnet-4', 'gpt-4o'). */
    models: names,
    projects: names,
    apiKeys: names,
    members: names,
    /** Machine ids (the team's machines, `team machines`). */
    machines: names,
    /** 'key=value' or a bare value that any tag carries. */
    tags: names,
  })
  .strict();
export type BudgetScope = z.infer<typeof budgetScopeSchema>;
export const SCOPE_FIELDS = ['providers', 'vendors', 'regions', 'models', 'projects', 'apiKeys', 'members', 'machines', 'tags'] as const;
export type ScopeField = (typeof SCOPE_FIELDS)[number];

export const budgetAmountSchema = z.discriminatedUnion('unit', [
  z
    .object({
      unit: z.literal('money'),
      /** Decimal string, e.g. '500' or '1250.50'. */
      value: z
        .string()
        .regex(/^\d+(\.\d{1,9})?$/, 'expected a positive decimal amount like 500 or 1250.50')
        .refine((v) => /[1-9]/.test(v), 'the amount must be more than 0'),
      currency: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code'),
    })
    .strict(),
  z
    .object({
      unit: z.literal('tokens'),
      value: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      /** 'total' = input + cache reads + cache writes + output (reasoning is inside output). */
      tokenClass: z.enum(['total', ...TOKEN_CLASSES]).default('total'),
    })
    .strict(),
]);
export type BudgetAmount = z.infer<typeof budgetAmountSchema>;

export const budgetPeriodSchema = z
  .object({
    kind: z.enum(['month', 'week', 'quarter', 'custom']).default('month'),
    timeZone: z.string().min(1).refine(isTimeZone, 'unknown IANA time zone'),
    weekStart: z.enum(['monday', 'sunday']).default('monday'),
    from: day.optional(),
    to: day.optional(),
  })
  .strict()
  .refine((p) => p.kind !== 'custom' || (p.from !== undefined && p.to !== undefined && p.from <= p.to), {
    message: 'a custom period needs from <= to',
    path: ['to'],
  });
export type BudgetPeriod = z.infer<typeof budgetPeriodSchema>;

export const budgetDefinitionSchema = z
  .object({
    name: z.string().trim().min(1, 'a budget needs a name').max(200),
    scope: budgetScopeSchema.default({ providers: [], vendors: [], regions: [], models: [], projects: [], apiKeys: [], members: [], machines: [], tags: [] }),
    period: budgetPeriodSchema,
    amount: budgetAmountSchema,
    /** Percent of the amount, e.g. [50, 80, 100]. */
    thresholds: z
      .array(z.number().int().min(1).max(1000))
      .min(1)
      .max(10)
      .default([50, 80, 100])
      .transform((t) => [...new Set(t)].sort((a, b) => a - b)),
    /** Carry the unspent part of a period into the next one. */
    rollover: z.boolean().default(false),
    notes: z.string().max(2000).default(''),
    /** POST each alert as JSON to this URL (http or https). */
    webhookUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'the webhook must be an http(s) URL')
      .nullable()
      .default(null),
  })
  .strict();
export type BudgetDefinition = z.infer<typeof budgetDefinitionSchema>;
export type BudgetDefinitionInput = z.input<typeof budgetDefinitionSchema>;

/** The team's file: `tokenledger budgets export` writes it, `import` reads it. */
export const BUDGETS_FILE_FORMAT = 'tokenledger-budgets';
export const budgetsFileSchema = z
  .object({
    format: z.literal(BUDGETS_FILE_FORMAT),
    version: z.literal(1),
    exportedAt: z.string().optional(),
    budgets: z.array(budgetDefinitionSchema).max(1000),
  })
  .strict();
export type BudgetsFile = z.infer<typeof budgetsFileSchema>;

export function periodSpec(def: BudgetDefinition): PeriodSpec {
  return { kind: def.period.kind, timeZone: def.period.timeZone, weekStart: def.period.weekStart, from: def.period.from, to: def.period.to };
}

export function isEmptyScope(scope: BudgetScope): boolean {
  return SCOPE_FIELDS.every((f) => scope[f].length === 0);
}

/** "provider openai, project web" / "everything". */
export function describeScope(scope: BudgetScope): string {
  const label: Record<ScopeField, string> = {
    providers: 'provider',
    vendors: 'vendor',
    regions: 'region',
    models: 'model',
    projects: 'project',
    apiKeys: 'key',
    members: 'member',
    machines: 'machine',
    tags: 'tag',
  };
  const parts = SCOPE_FIELDS.filter((f) => scope[f].length > 0).map((f) => `${label[f]} ${scope[f].join(' or ')}`);
  return parts.length ? parts.join(', ') : 'everything';
}
