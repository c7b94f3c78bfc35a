/**
 * Delimited text as records, streamed: the physical line where each starts, whole records handed to
 * papaparse piece by piece, and fields longer than the ledger reads refused without holding them.
 */
import Papa from 'papaparse';
import { checkAborted, rowSaid } from './common';
import type { RowSaid, TextSource } from '../types';

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Characters of text handed to papaparse at a time: its records of one piece are held until they are read. */
const PIECE_CHARS = 32 * 1024;

/** The longest field the ledger reads (64 KiB): exports carry ids, names and numbers, never more. */
export const MAX_FIELD_CHARS = 64 * 1024;

/**
 * Finds where to cut the pending text into pieces of whole records, each about PIECE_CHARS long, and
 * watches each field's length. Incremental: each character is looked at once, however long a record is
 * (a record cut by a chunk boundary is scanned on from where it stopped, never again from its start).
 */
class RecordScanner {
  inQuotes = false;
  /** Next index of the pending text to look at. */
  pos = 0;
  /** Index just past the last record terminator ('\n' outside quotes) seen; 0 when none. */
  lastEnd = 0;
  cuts: number[] = [];
  private next = PIECE_CHARS;
  /** Field of the current record, and where it starts. */
  field = 0;
  private fieldStart = 0;

  constructor(private readonly delimiter: number) {}

  /** Scan on; the index of the field that grew past MAX_FIELD_CHARS (scanning stops there), else -1. */
  scan(text: string): number {
    for (; this.pos < text.length; this.pos++) {
      const c = text.charCodeAt(this.pos);
      if (c === 34) this.inQuotes = !this.inQuotes;
      else if (!this.inQuotes && c === this.delimiter) {
        this.field++;
        this.fieldStart = this.pos + 1;
      } else if (!this.inQuotes && c === 10) {
        const end = this.pos + 1;
        this.lastEnd = end;
        if (end >= this.next) {
          this.cuts.push(end);
          this.next = end + PIECE_CHARS;
        }
        this.field = 0;
        this.fieldStart = end;
      }
      if (this.pos - this.fieldStart >= MAX_FIELD_CHARS) return this.field;
    }
    return -1;
  }

  /** The cuts to parse now (ending at the last terminator), and the text shifted so that it starts after them. */
  take(): number[] {
    const cuts = this.cuts;
    if (this.lastEnd > 0 && cuts[cuts.length - 1] !== this.lastEnd) cuts.push(this.lastEnd);
    const shift = cuts.length > 0 ? cuts[cuts.length - 1]! : 0;
    this.pos -= shift;
    this.fieldStart -= shift;
    this.lastEnd = 0;
    this.cuts = [];
    this.next = PIECE_CHARS;
    return cuts;
  }

  /** Forget the current record (too long): scan on for its end. */
  restart(): void {
    this.pos = 0;
    this.fieldStart = 0;
    this.field = 0;
  }
}

/** Skips the rest of a record too long to read: the index just past its terminator in `text`, or -1; counts its lines. */
function skipRecord(text: string, from: number, state: { inQuotes: boolean; lines: number }): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) state.inQuotes = !state.inQuotes;
    else if (c === 10) {
      state.lines++;
      if (!state.inQuotes) return i + 1;
    }
  }
  return -1;
}

/** A record as the reader gives it: with `error` (and `tooLong`) when it cannot be read. */
export type ReadRecord = CsvRecord & { error?: RowSaid; tooLong?: number };

/**
 * The records of `text` up to its last newline when it is plain (no quote, no carriage return, every line
 * shorter than a field may be): each line a record, its fields cut at the delimiter, as papaparse cuts a
 * text without quotes. Pushes them to `out` and answers where the rest begins and how many lines it read;
 * null when the text is not plain (nothing pushed: the caller reads it the full way).
 */
function plainRecords(text: string, delimiter: string, first: number, out: ReadRecord[]): { end: number; lines: number } | null {
  if (text.indexOf('"') !== -1 || text.indexOf('\r') !== -1) return null;
  const end = text.lastIndexOf('\n') + 1;
  if (end === 0 || text.length - end >= MAX_FIELD_CHARS) return null;
  const from = out.length;
  let line = first;
  for (let at = 0; at < end; line++) {
    const nl = text.indexOf('\n', at);
    if (nl - at >= MAX_FIELD_CHARS) {
      out.length = from;
      return null;
    }
    const fields = text.slice(at, nl).split(delimiter);
    if (fields.length > 1 || fields[0]!.trim() !== '') out.push({ line, fields });
    at = nl + 1;
  }
  return { end, lines: line - first };
}

/**
 * Records of delimited text, streamed: complete records are handed to papaparse block by block;
 * a record cut by a chunk boundary waits for the next chunk. Empty lines are skipped (not counted as rows,
 * but counted for line numbers). An unterminated quote at the end of the file yields a record with `error`.
 * A field longer than MAX_FIELD_CHARS yields a record with `error` and `tooLong` (its field's index); the
 * rest of that record is skipped unread, so time stays linear and memory bounded whatever its length.
 */
export async function* readCsvRecords(source: TextSource, delimiter: string, signal?: AbortSignal): AsyncIterable<ReadRecord> {
  for await (const batch of readCsvRecordBatches(source, delimiter, signal)) yield* batch;
}

/**
 * readCsvRecords a batch at a time (the records completed by one read of the source), sparing a promise
 * per record. Text without quotes (most exports) is cut by plainRecords; the rest goes through papaparse.
 */
export async function* readCsvRecordBatches(source: TextSource, delimiter: string, signal?: AbortSignal): AsyncIterable<ReadRecord[]> {
  let pending = '';
  let line = 1; // line where `pending` starts
  let firstChunk = true;
  const scanner = new RecordScanner(delimiter.charCodeAt(0));
  /** Skipping the rest of a too-long record. */
  let skipping: { inQuotes: boolean; lines: number } | null = null;

  function parseBlock(block: string, final: boolean, out: ReadRecord[]): void {
    let prevCursor = 0;
    let lineAtPrev = line;
    Papa.parse<string[]>(block, {
      delimiter,
      quoteChar: '"',
      skipEmptyLines: false,
      step: (result) => {
        const cursor = result.meta.cursor;
        // The record starts at prevCursor, after any blank lines.
        let start = prevCursor;
        let startLine = lineAtPrev;
        const fields = result.data;
        const blank = fields.length === 1 && fields[0]!.trim() === '';
        if (!blank) {
          while (start < cursor && (block[start] === '\n' || block[start] === '\r')) {
            if (block[start] === '\n') startLine++;
            start++;
          }
          const rec: ReadRecord = { line: startLine, fields };
          const quoteError = result.errors.find((e) => e.type === 'Quotes');
          if (quoteError && final) rec.error = rowSaid('engine.row.unclosedQuote');
          out.push(rec);
        }
        lineAtPrev += countNewlines(block, prevCursor, cursor);
        prevCursor = cursor;
      },
    });
    line = lineAtPrev + countNewlines(block, prevCursor, block.length);
  }

  for await (let chunk of source) {
    checkAborted(signal);
    if (firstChunk) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      firstChunk = false;
    }
    if (skipping) {
      const end = skipRecord(chunk, 0, skipping);
      if (end < 0) continue;
      line += skipping.lines;
      scanner.inQuotes = false;
      skipping = null;
      chunk = chunk.slice(end);
    }
    pending += chunk;
    const out: ReadRecord[] = [];
    // Plain text: no quote in `pending`, so the scanner is outside quotes at its start and can begin again there.
    const plain = plainRecords(pending, delimiter, line, out);
    if (plain) {
      line += plain.lines;
      pending = pending.slice(plain.end);
      scanner.restart();
      if (out.length > 0) yield out;
      continue;
    }
    for (;;) {
      const tooLong = scanner.scan(pending);
      const cuts = scanner.take();
      const text = pending;
      pending = cuts.length > 0 ? text.slice(cuts[cuts.length - 1]) : text;
      let from = 0;
      for (const cut of cuts) {
        parseBlock(text.slice(from, cut), false, out);
        from = cut;
      }
      if (tooLong < 0) break;
      out.push({ line, fields: [], tooLong, error: rowSaid('engine.row.nthFieldTooLong', { n: tooLong + 1, kib: MAX_FIELD_CHARS / 1024 }) });
      // Skip the record: its lines so far, then on to its terminator (maybe in a later chunk).
      const at = scanner.pos + 1;
      const state = { inQuotes: scanner.inQuotes, lines: countNewlines(pending, 0, at) };
      const end = skipRecord(pending, at, state);
      scanner.restart();
      if (end < 0) {
        skipping = state;
        pending = '';
        break;
      }
      line += state.lines;
      scanner.inQuotes = false;
      pending = pending.slice(end);
    }
    if (out.length > 0) yield out;
  }
  if (pending.length > 0) {
    const out: ReadRecord[] = [];
    parseBlock(pending, true, out);
    if (out.length > 0) yield out;
  }
}
