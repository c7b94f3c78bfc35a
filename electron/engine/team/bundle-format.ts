/**
 * The ledger bundle file: gzip of JSON lines. Line 1 is the header (format version, the machine, its
 * member, the batches the facts come from, display names, budgets); every further line is one fact: the
 * local batch it belongs to, the line of that batch's file, and its row values by column name (money
 * nano-units as decimal strings: they pass 2^53). Read back through zod: a bad file is refused with its
 * line and field, before anything is written.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { budgetDefinitionSchema } from '../../../shared/domain/budgets/budget';
import { saidError } from '../said-error';
import { EngineError } from '../errors';
import { said } from '../../../shared/i18n/said';
import { issueReason } from '../../../shared/contract/invalid-input';
import { ROW_COLUMNS, sessionOfTags, type RowColumn } from '../ledger/facts';
import type { SqlValue } from '../ledger/sql';

export const BUNDLE_KIND = 'tokenledger-bundle';
export const BUNDLE_VERSION = 1;

/** Row columns a bundle carries: all but counts_tokens (the merging ledger finds its own overlaps) and session (from the tags). */
export const BUNDLE_COLUMNS = ROW_COLUMNS.filter((c) => c !== 'counts_tokens' && c !== 'session');

const INT_COLUMNS = new Set<RowColumn>(['source_line', 'start_ms', 'end_ms', 'input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning', 'requests']);
const NANO_COLUMNS = new Set<RowColumn>(['billed_nano', 'estimated_nano', 'recorded_nano']);
const REQUIRED_TEXT = new Set<RowColumn>(['identity', 'day', 'granularity', 'provider', 'service_tier', 'line_type']);

function columnSchema(c: RowColumn): z.ZodType {
  if (INT_COLUMNS.has(c)) return c === 'source_line' ? z.number().int().nullable() : z.number().int().min(0);
  if (NANO_COLUMNS.has(c)) return z.string().regex(/^-?\d+$/).nullable();
  if (REQUIRED_TEXT.has(c)) return z.string().min(1);
  return z.string().nullable();
}

const factLineSchema = z
  .object({
    batch: z.number().int(),
    row: z.object(Object.fromEntries(BUNDLE_COLUMNS.map((c) => [c, columnSchema(c)]))).strict(),
  })
  .strict();

const batchSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string().min(1),
    sha256: z.string(),
    format: z.string().min(1),
    provider: z.string().nullable(),
    grain: z.string().nullable(),
    createdAt: z.number().int(),
    label: z.string().nullable(),
  })
  .strict();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const bundleHeaderSchema = z
  .object({
    kind: z.literal(BUNDLE_KIND),
    version: z.literal(BUNDLE_VERSION),
    machineId: z.string().min(8),
    machineName: z.string().nullable(),
    member: z.string().nullable(),
    /** Increases with every export of the machine: a higher one revises a lower one. */
    sequence: z.number().int().min(1),
    exportedAt: z.number().int(),
    /** The first day the bundle covers (null: everything); facts of the machine before it are left alone. */
    since: day.nullable(),
    batches: z.array(batchSchema),
    names: z.array(z.object({ dimension: z.enum(['project', 'api_key', 'member', 'account']), value: z.string(), name: z.string().min(1).max(120) }).strict()),
    budgets: z.array(budgetDefinitionSchema),
    facts: z.number().int().min(0),
  })
  .strict();

export type BundleHeader = z.infer<typeof bundleHeaderSchema>;
export type BundleBatch = z.infer<typeof batchSchema>;

export interface BundleFact {
  batch: number;
  /** Row values in ledger/facts.ts ROW_COLUMNS order (counts_tokens 1). */
  values: SqlValue[];
}

export interface Bundle {
  header: BundleHeader;
  facts: BundleFact[];
}

/** One fact's line: its row values (ROW_COLUMNS order) by name. */
export function factLine(batch: number, values: readonly SqlValue[]): string {
  const row: Record<string, unknown> = {};
  ROW_COLUMNS.forEach((c, i) => {
    if (c === 'counts_tokens' || c === 'session') return;
    const v = values[i];
    row[c] = typeof v === 'bigint' ? (NANO_COLUMNS.has(c) ? v.toString() : Number(v)) : NANO_COLUMNS.has(c) && v !== null ? String(v) : v;
  });
  return JSON.stringify({ batch, row });
}

export function encodeBundle(header: BundleHeader, lines: readonly string[]): Buffer {
  return gzipSync(Buffer.from([JSON.stringify(header), ...lines].join('\n') + '\n', 'utf8'));
}

/**
 * A line the bundle's schema refuses: its first issue, the field's path and a reason from the catalog (as
 * the contract's validation says it). The English message keeps zod's own text.
 */
function badLine(file: string, line: number, value: unknown, e: z.ZodError): EngineError {
  const i = e.issues[0]!;
  const path = i.path.join('.');
  const reason = issueReason(i, value);
  const s = said('engine.error.bundle.badLine', { file, line, issue: path ? said('engine.error.input.issue', { path, reason }) : said('engine.error.bundle.wholeLine', { reason }) });
  return new EngineError('BAD_ROWS', `${file} line ${line}, ${path || '(line)'}: ${i.message}`, undefined, s);
}

function parseLine(file: string, line: number, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw saidError('BAD_ROWS', 'engine.error.bundle.lineNotJson', { file, line });
  }
}

/** Read and check a bundle file's bytes: the header, then every fact line, in row values. */
export function decodeBundle(file: string, bytes: Buffer): Bundle {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch {
    throw saidError('UNRECOGNIZED_FILE', 'engine.error.bundle.notGzip', { file });
  }
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines.length === 0) throw saidError('UNRECOGNIZED_FILE', 'engine.error.bundle.empty', { file });
  const first = parseLine(file, 1, lines[0]!);
  const h = bundleHeaderSchema.safeParse(first);
  if (!h.success) throw badLine(file, 1, first, h.error);
  const header = h.data;
  if (lines.length - 1 !== header.facts) throw saidError('BAD_ROWS', 'engine.error.bundle.cutShort', { file, counted: header.facts, held: lines.length - 1 });
  const batchIds = new Set(header.batches.map((b) => b.id));
  const facts: BundleFact[] = [];
  for (let i = 1; i < lines.length; i++) {
    const value = parseLine(file, i + 1, lines[i]!);
    const p = factLineSchema.safeParse(value);
    if (!p.success) throw badLine(file, i + 1, value, p.error);
    if (!batchIds.has(p.data.batch)) throw saidError('BAD_ROWS', 'engine.error.bundle.unknownBatch', { file, line: i + 1, batch: p.data.batch });
    const row = p.data.row as Record<string, SqlValue>;
    const values = ROW_COLUMNS.map((c): SqlValue => {
      if (c === 'counts_tokens') return 1;
      if (c === 'session') return sessionOfTags(row.tags === null || row.tags === undefined ? null : (JSON.parse(row.tags as string) as Record<string, string>));
      const v = row[c] ?? null;
      return NANO_COLUMNS.has(c) && v !== null ? BigInt(v as string) : v;
    });
    facts.push({ batch: p.data.batch, values });
  }
  return { header, facts };
}
