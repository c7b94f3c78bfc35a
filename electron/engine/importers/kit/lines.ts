/**
 * The physical lines of a text source, for JSONL logs, with a cap on one line's length. Coding agents
 * write a whole tool result on one line (a file read, a command's output, a base64 screenshot): lines of
 * several MB are ordinary, so the cap is generous, 16 MiB. Past it a line is no log line the ledger can
 * use, and holding it whole (a runaway file, a file that is not a log at all) would cost hundreds of MB
 * and, rescanned as each chunk arrives, time that grows with the square of its length. Such a line is
 * skipped without being kept (a row error naming its line) and the next line is read on with its own
 * number.
 */
import { checkAborted, rowSaid } from './common';
import type { RowSaid, TextSource } from '../types';

export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** A line, or (`tooLong`) a line longer than the cap, of which nothing is kept. */
export type TextLine = { line: number; text: string; complete: boolean; tooLong?: false } | { line: number; tooLong: true; complete: boolean };

/** The row error of a line past the cap: what happened and what to do. */
export function tooLongMessage(maxChars = MAX_LINE_CHARS): RowSaid {
  return rowSaid('engine.row.lineTooLong', { mib: maxChars / (1024 * 1024) });
}

/**
 * Lines numbered from 1, CR before LF dropped, a BOM dropped. The last line without a newline is
 * `complete: false` (an agent may still be writing it). Time and memory are linear in the file.
 */
export async function* readTextLines(source: TextSource, signal: AbortSignal | undefined, maxChars = MAX_LINE_CHARS): AsyncIterable<TextLine> {
  let parts: string[] = [];
  let held = 0;
  let skipping = false;
  let line = 0;
  let first = true;
  const take = (piece: string, complete: boolean): TextLine => {
    if (skipping || held + piece.length > maxChars) {
      parts = [];
      held = 0;
      skipping = false;
      return { line, tooLong: true, complete };
    }
    const whole = parts.length === 0 ? piece : parts.join('') + piece;
    parts = [];
    held = 0;
    return { line, text: whole.endsWith('\r') ? whole.slice(0, -1) : whole, complete };
  };
  for await (let chunk of source) {
    checkAborted(signal);
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    let from = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', from)) >= 0) {
      line++;
      yield take(chunk.slice(from, nl), true);
      from = nl + 1;
    }
    const rest = chunk.slice(from);
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
    yield take('', false);
  }
}
