import { readFileSync } from 'node:fs';
import { headFromBytes, openTextSource, textSourceFromString } from '../../electron/engine/importers/kit/decode';
import type { FactDraft } from '../../shared/domain/fact';
import type { FileHead, Importer, ParsedRow, TextSource } from '../../electron/engine/importers/types';
import { english } from '../../shared/i18n/english';
import type { Said } from '../../shared/i18n/said';

/**
 * A row as a test reads it: an error row with its English text (what the contract's `message` will say)
 * in place of its message id, so the tests state the exact words.
 */
export type ReadRow = Exclude<ParsedRow, { kind: 'error' }> | { kind: 'error'; line: number; field: string; message: string };

export function readable(r: ParsedRow): ReadRow {
  return r.kind === 'error' ? { kind: 'error', line: r.line, field: r.field, message: english(r.said as Said) } : r;
}

export async function collect(importer: Importer, source: TextSource, head: Pick<FileHead, 'fileName' | 'encoding' | 'delimiter'>, decimalComma?: boolean): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  const ctx = { fileName: head.fileName, encoding: head.encoding, delimiter: head.delimiter, ...(decimalComma === undefined ? {} : { decimalComma }) };
  for await (const r of importer.parse(source, ctx)) rows.push(readable(r));
  return rows;
}

export async function parseFile(importer: Importer, path: string): Promise<{ head: FileHead; rows: ReadRow[] }> {
  const head = headFromBytes(path, readFileSync(path));
  return { head, rows: await collect(importer, openTextSource(path, head.encoding), head) };
}

export async function parseText(importer: Importer, text: string, chunkSize = 7): Promise<ReadRow[]> {
  const head = headFromBytes('test.csv', Buffer.from(text, 'utf8'));
  return collect(importer, textSourceFromString(text, chunkSize), head);
}

/** Facts after merging duplicates within the file, as the pipeline does. */
export function mergedFacts(importer: Importer, rows: ReadRow[]): FactDraft[] {
  const byId = new Map<string, FactDraft>();
  for (const r of rows) {
    if (r.kind !== 'fact') continue;
    const prev = byId.get(r.fact.identity);
    byId.set(r.fact.identity, prev ? (importer.mergeDuplicate ? importer.mergeDuplicate(prev, r.fact) : r.fact) : r.fact);
  }
  return [...byId.values()];
}

/**
 * Lines an importer split off an export row that nets them into its cost (a Vertex committed-use discount, a
 * Zhipu voucher, an OpenRouter web search): the row is two facts, its token charge and the credit or fee line.
 * Expected row counts count the row once.
 */
export function splitCredits(rows: ReadRow[]): number {
  const lines = new Map<number, ReadRow[]>();
  for (const r of rows) if (r.kind === 'fact') lines.set(r.line, [...(lines.get(r.line) ?? []), r]);
  let n = 0;
  for (const same of lines.values()) if (same.length > 1) n += same.filter((r) => r.kind === 'fact' && (r.fact.lineType === 'credit' || r.fact.lineType === 'fee')).length;
  return n;
}
