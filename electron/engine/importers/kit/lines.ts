/**
 * The physical lines of a text source, for JSONL logs, with a cap on one line's length. Coding agents
 * write a whole tool result on one line (a file read, a command's output, a base64 screenshot): lines of
 * several MB are ordinary, so the cap is generous, 16 MiB. Past it a line is no log line the ledger can
 * use, and holding it whole (a runaway file, a file that is not a log at all) would cost hundreds of MB
 * and, rescanned as each chunk arrives, time that grows with the square of its length. Such a line is
 * skipped without being kept (a row error naming its line) and the next line is read on with its own
 * number.
 *
 * Lines come in batches (the lines of one read), so an importer's loop runs without a promise per line.
 * A source that can give its raw UTF-8 bytes (the pipeline's file reader) is cut into lines as bytes, and
 * with `needles` a line holding none of them is never decoded: most of an agent's log is prompts, replies
 * and tool output that carry no usage.
 */
import { checkAborted, rowSaid } from './common';
import type { BatchedRows, ParsedRow, RowSaid, TextSource } from '../types';

export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** A line, or (`tooLong`) a line longer than the cap, of which nothing is kept. */
export type TextLine = { line: number; text: string; complete: boolean; tooLong?: false } | { line: number; tooLong: true; complete: boolean };

/**
 * What a batch holds: a line, or (`unread`) a line holding none of the needles, never decoded (a blank
 * one is given as text '', so that callers still pass over it as blank).
 */
export type LineItem = TextLine | { line: number; unread: true; complete: boolean; tooLong?: false };

/** A text source that can hand over its undecoded UTF-8 bytes instead of its text (one or the other is read). */
export interface Utf8Backed {
  utf8Bytes?: () => AsyncIterable<Uint8Array>;
}

/** `text` that can also be read as the bytes `bytes()` gives (UTF-8 only: lines are cut at byte 0x0a). */
export function withUtf8Bytes(text: TextSource, bytes: () => AsyncIterable<Uint8Array>): TextSource {
  return Object.assign(text, { utf8Bytes: bytes } satisfies Utf8Backed);
}

/** Rows made a batch at a time, readable row by row too. */
export function batchedRows(batches: AsyncIterable<ParsedRow[]>): BatchedRows {
  return {
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield* batch;
    },
  };
}

/** The row error of a line past the cap: what happened and what to do. */
export function tooLongMessage(maxChars = MAX_LINE_CHARS): RowSaid {
  return rowSaid('engine.row.lineTooLong', { mib: maxChars / (1024 * 1024) });
}

export interface LineOptions {
  maxChars?: number;
  /** Only lines holding one of these (none holds a newline) are decoded; the others are `unread`. */
  needles?: readonly string[];
}

/**
 * Lines numbered from 1, CR before LF dropped, a BOM dropped. The last line without a newline is
 * `complete: false` (an agent may still be writing it). Time and memory are linear in the file.
 */
export async function* readTextLines(source: TextSource, signal: AbortSignal | undefined, maxChars = MAX_LINE_CHARS): AsyncIterable<TextLine> {
  for await (const batch of readLineBatches(source, signal, { maxChars })) yield* batch as TextLine[];
}

/** The lines of `source` (see readTextLines), one batch per read. */
export function readLineBatches(source: TextSource, signal: AbortSignal | undefined, opts: LineOptions = {}): AsyncIterable<LineItem[]> {
  const bytes = (source as Utf8Backed).utf8Bytes;
  return bytes ? byteLines(bytes(), signal, opts) : textLines(source, signal, opts);
}

const blank = (text: string) => text.trim() === '';

async function* textLines(source: TextSource, signal: AbortSignal | undefined, opts: LineOptions): AsyncIterable<LineItem[]> {
  const maxChars = opts.maxChars ?? MAX_LINE_CHARS;
  const needles = opts.needles;
  let parts: string[] = [];
  let held = 0;
  let skipping = false;
  let line = 0;
  let first = true;
  const take = (piece: string, complete: boolean, out: LineItem[]): void => {
    if (skipping || held + piece.length > maxChars) {
      parts = [];
      held = 0;
      skipping = false;
      out.push({ line, tooLong: true, complete });
      return;
    }
    let whole = parts.length === 0 ? piece : parts.join('') + piece;
    parts = [];
    held = 0;
    if (whole.endsWith('\r')) whole = whole.slice(0, -1);
    if (needles && !needles.some((n) => whole.includes(n))) out.push(blank(whole) ? { line, text: '', complete } : { line, unread: true, complete });
    else out.push({ line, text: whole, complete });
  };
  for await (let chunk of source) {
    checkAborted(signal);
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    const out: LineItem[] = [];
    let from = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', from)) >= 0) {
      line++;
      take(chunk.slice(from, nl), true, out);
      from = nl + 1;
    }
    const rest = chunk.slice(from);
    if (out.length > 0) yield out;
    if (skipping || rest === '') continue;
    if (held + rest.length > maxChars) {
      skipping = true;
      parts = [];
      held = 0;
    } else {
      parts.push(rest);
      held += rest.length;
    }
  }
  if (skipping || held > 0) {
    line++;
    const out: LineItem[] = [];
    take('', false, out);
    if (out.length > 0) yield out;
  }
}

/** UTF-16 code units of UTF-8 bytes: one per lead byte, two for a 4-byte sequence (only past the cap in bytes). */
function utf16Units(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** Only ASCII whitespace, or (non-ASCII) blank once decoded: String.prototype.trim's rule. */
function blankBytes(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 0x80) return false;
    return blank(b.toString('utf8', from, to));
  }
  return true;
}

const isBom = (b: Buffer, at: number) => b[at] === 0xef && b[at + 1] === 0xbb && b[at + 2] === 0xbf;

/** The bytes without the BOMs they start with (the text reading drops up to three: the decoder's, decodeChunks's, readTextLines's). */
async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (head === null) {
      yield b;
      continue;
    }
    // The first chunk (a whole session log, often) is looked at as it is: copied only to join a short one.
    head = head.length === 0 ? b : Buffer.concat([head, b]);
    if (head.length < 9) continue;
    let from = 0;
    while (from < 9 && isBom(head, from)) from += 3;
    yield head.subarray(from);
    head = null;
  }
  if (head !== null) {
    let from = 0;
    while (from + 3 <= head.length && from < 9 && isBom(head, from)) from += 3;
    if (from < head.length) yield head.subarray(from);
  }
}

async function* byteLines(chunks: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined, opts: LineOptions): AsyncIterable<LineItem[]> {
  const maxChars = opts.maxChars ?? MAX_LINE_CHARS;
  const needles = (opts.needles ?? []).map((n) => Buffer.from(n, 'utf8'));
  const filter = opts.needles !== undefined;
  // Where each needle next occurs in the chunk being cut, at or after the line looked at: -1 nowhere, -2 not searched yet.
  const next = needles.map(() => -2);
  let carry: Buffer[] = [];
  let held = 0; // bytes in carry
  let heldUnits = -1; // their UTF-16 length, counted once held > maxChars
  let skipping = false;
  let line = 0;

  /** Whether b[from, to) holds a needle; `inChunk`: b is the chunk `next` is about (searched once per occurrence). */
  const holds = (b: Buffer, from: number, to: number, inChunk: boolean): boolean => {
    for (let k = 0; k < needles.length; k++) {
      let at = inChunk ? next[k]! : -2;
      if (at === -2 || (at !== -1 && at < from)) at = b.indexOf(needles[k]!, from);
      if (inChunk) next[k] = at;
      if (at !== -1 && at < to) return true;
    }
    return false;
  };
  /** The line b[from, to). */
  const emit = (b: Buffer, from: number, to: number, complete: boolean, inChunk: boolean, out: LineItem[]): void => {
    if (to - from > maxChars && utf16Units(b, from, to) > maxChars) {
      out.push({ line, tooLong: true, complete });
      return;
    }
    if (to > from && b[to - 1] === 13) to--;
    if (filter && !holds(b, from, to, inChunk)) out.push(blankBytes(b, from, to) ? { line, text: '', complete } : { line, unread: true, complete });
    else out.push({ line, text: b.toString('utf8', from, to), complete });
  };
  /** Hold the start of a line the next read continues, unless it is already past the cap. */
  const hold = (part: Buffer): void => {
    if (skipping || part.length === 0) return;
    carry.push(part);
    held += part.length;
    if (held <= maxChars) return;
    heldUnits = heldUnits < 0 ? carry.reduce((n, c) => n + utf16Units(c, 0, c.length), 0) : heldUnits + utf16Units(part, 0, part.length);
    if (heldUnits > maxChars) {
      skipping = true;
      carry = [];
      held = 0;
      heldUnits = -1;
    }
  };
  /** The held start of a line and its end b[0, to), as one line. */
  const joined = (b: Buffer, to: number, complete: boolean, out: LineItem[]): void => {
    if (skipping) {
      skipping = false;
      out.push({ line, tooLong: true, complete });
      return;
    }
    const whole = Buffer.concat([...carry, b.subarray(0, to)]);
    carry = [];
    held = 0;
    heldUnits = -1;
    emit(whole, 0, whole.length, complete, false, out);
  };

  for await (const b of withoutBom(chunks)) {
    checkAborted(signal);
    next.fill(-2);
    const out: LineItem[] = [];
    let from = 0;
    let nl: number;
    while ((nl = b.indexOf(10, from)) !== -1) {
      line++;
      if (held > 0 || skipping) joined(b, nl, true, out);
      else emit(b, from, nl, true, true, out);
      from = nl + 1;
    }
    if (out.length > 0) yield out;
    hold(b.subarray(from));
  }
  if (skipping || held > 0) {
    line++;
    const out: LineItem[] = [];
    joined(Buffer.alloc(0), 0, false, out);
    yield out;
  }
}
