/** Helpers for the coding-agent importer suites: the samples, parsing a folder as the pipeline does. */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { headFromBytes, openTextSource } from '../../electron/engine/importers/kit/decode';
import { importers } from '../../electron/engine/importers/registry';
import type { Importer } from '../../electron/engine/importers/types';
import { readable, type ReadRow } from './helpers';
import type { FactDraft } from '../../shared/domain/fact';

export const AGENTS = join(import.meta.dirname, '..', 'fixtures', 'exports', 'agents');

export interface AgentExpected {
  input_uncached: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning_subset_of_output: number;
  requests: number;
  cost: string;
  currency: string | null;
  rows: number;
  premium_requests?: number;
}

const ALL = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'expected-totals.json'), 'utf8')) as Record<string, AgentExpected>;
/** expected-totals.json's agents/ entries, keyed by the path under exports/. */
export const AGENT_EXPECTED: Record<string, AgentExpected> = Object.fromEntries(Object.entries(ALL).filter(([k]) => k.startsWith('agents/')));

export function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((n) => (n.startsWith('.') || /-(?:wal|shm|journal)$/.test(n) ? [] : filesUnder(join(path, n))));
}

/** The one importer that claims a file (throws when none or several do). */
export function claimant(path: string): Importer {
  const head = headFromBytes(path, readFileSync(path));
  const c = importers.filter((i) => i.identify(head).match);
  if (c.length !== 1) throw new Error(`${path}: claimed by ${c.map((i) => i.id).join(', ') || 'nothing'}`);
  return c[0]!;
}

/** Every row of a file, parsed by its importer with the context the pipeline gives (the path included). */
export async function parseAgentFile(path: string, chunkSize?: number): Promise<{ importer: Importer; rows: ReadRow[] }> {
  const importer = claimant(path);
  const head = headFromBytes(path, readFileSync(path));
  const rows: ReadRow[] = [];
  const source = chunkSize ? chunked(readFileSync(path, 'utf8'), chunkSize) : openTextSource(path, head.encoding);
  for await (const r of importer.parse(source, { fileName: path, path, encoding: head.encoding, delimiter: head.delimiter })) rows.push(readable(r));
  return { importer, rows };
}

async function* chunked(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/**
 * The facts of a file or folder as the ledger keeps them: files in the pipeline's order, one fact per
 * identity (a later record of an identity replaces an earlier one unless the format's rule keeps it).
 */
export async function agentFacts(path: string, chunkSize?: number): Promise<{ facts: FactDraft[]; rows: ReadRow[] }> {
  const byId = new Map<string, FactDraft>();
  const all: ReadRow[] = [];
  for (const f of filesUnder(path)) {
    const { importer, rows } = await parseAgentFile(f, chunkSize);
    all.push(...rows);
    for (const r of rows) {
      if (r.kind !== 'fact') continue;
      const prev = byId.get(r.fact.identity);
      // As the ledger does: a record with the same numbers is a duplicate (the first one stands), else the later one wins.
      const next = !prev ? r.fact : importer.mergeDuplicate ? importer.mergeDuplicate(prev, r.fact) : sameNumbers(prev, r.fact) ? prev : r.fact;
      byId.set(r.fact.identity, next);
    }
  }
  return { facts: [...byId.values()], rows: all };
}

function sameNumbers(a: FactDraft, b: FactDraft): boolean {
  return a.start === b.start && a.end === b.end && a.requests === b.requests && JSON.stringify(a.tokens) === JSON.stringify(b.tokens) && a.recorded?.nano === b.recorded?.nano;
}

export function totalsOf(facts: readonly FactDraft[]) {
  const sum = (f: (x: FactDraft) => number) => facts.reduce((a, x) => a + f(x), 0);
  return {
    input_uncached: sum((f) => f.tokens.input),
    cache_read: sum((f) => f.tokens.cache_read),
    cache_write: sum((f) => f.tokens.cache_write_5m + f.tokens.cache_write_1h),
    output: sum((f) => f.tokens.output),
    reasoning_subset_of_output: sum((f) => f.tokens.reasoning),
    requests: sum((f) => f.requests),
    rows: facts.length,
  };
}

/** Write files (path relative to `root` -> text), creating folders. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** JSONL text from objects. */
export const jsonl = (...lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
