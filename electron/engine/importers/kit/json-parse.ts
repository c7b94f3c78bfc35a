/**
 * The JSON reader of the importers: a small parser that keeps numbers as their source text (money is
 * never a float), remembers the line of every object and key, streams a file of one or several API pages
 * (one document, documents concatenated, or a JSON array of pages) page by page, and reads JSONL line by line.
 */
import { checkAborted, rowSaid } from './common';
import { readLineBatches, tooLongMessage } from './lines';
import type { RowSaid, TextSource } from '../types';

/** A JSON number as written ("1.61012", "5e-07"). */
export class JsonNum {
  constructor(readonly text: string) {}
  toNumber(): number {
    return Number(this.text);
  }
}

export type JsonValue = null | boolean | string | JsonNum | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const objectLines = new WeakMap<object, number>();
const keyLines = new WeakMap<object, Map<string, number>>();

/** Line where an object or array starts (1-based), when it came from this parser. */
export function lineOf(value: object): number | undefined {
  return objectLines.get(value);
}

/** Line of a key inside an object (falls back to the object's line). */
export function keyLine(o: JsonObject, key: string): number | undefined {
  return keyLines.get(o)?.get(key) ?? objectLines.get(o);
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly said: RowSaid,
    readonly line: number,
    readonly path: string,
  ) {
    super(said.id);
    this.name = 'JsonSyntaxError';
  }
}

class NeedMore extends Error {}

/** A "__proto__" key is data like any other: defined, since a plain assignment would set the object's prototype. */
function setOwn(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

class Parser {
  i = 0;
  constructor(
    readonly s: string,
    public line: number,
    readonly final: boolean,
  ) {}

  fail(id: RowSaid['id'], path: string, values?: RowSaid['values']): never {
    throw new JsonSyntaxError(rowSaid(id, values), this.line, path || '$');
  }

  end(path: string): never {
    if (!this.final) throw new NeedMore();
    this.fail('engine.row.json.truncated', path);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      this.i++;
    }
  }

  value(path: string): JsonValue {
    this.ws();
    if (this.i >= this.s.length) this.end(path);
    const c = this.s[this.i]!;
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string(path);
    if (c === '-' || (c >= '0' && c <= '9')) return this.number(path);
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
      if (word.startsWith(this.s.slice(this.i))) this.end(path);
    }
    this.fail('engine.row.json.unexpectedChar', path, { char: c });
  }

  object(path: string): JsonObject {
    const o: JsonObject = {};
    const keys = new Map<string, number>();
    objectLines.set(o, this.line);
    keyLines.set(o, keys);
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return o;
    }
    for (;;) {
      this.ws();
      if (this.i >= this.s.length) this.end(path);
      if (this.s[this.i] !== '"') this.fail('engine.row.json.expectedKey', path, { char: this.s[this.i]! });
      const keyAt = this.line;
      const key = this.string(path);
      this.ws();
      if (this.i >= this.s.length) this.end(path);
      if (this.s[this.i] !== ':') this.fail('engine.row.json.expectedColon', path, { key });
      this.i++;
      const childPath = path ? `${path}.${key}` : key;
      const v = this.value(childPath);
      if (key === '__proto__') setOwn(o, key, v);
      else o[key] = v;
      keys.set(key, keyAt);
      this.ws();
      if (this.i >= this.s.length) this.end(childPath);
      const c = this.s[this.i];
      this.i++;
      if (c === '}') return o;
      if (c !== ',') this.fail('engine.row.json.expectedCommaOrBrace', childPath, { key });
    }
  }

  array(path: string): JsonValue[] {
    const a: JsonValue[] = [];
    objectLines.set(a, this.line);
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return a;
    }
    for (;;) {
      const childPath = `${path}[${a.length}]`;
      a.push(this.value(childPath));
      this.ws();
      if (this.i >= this.s.length) this.end(childPath);
      const c = this.s[this.i];
      this.i++;
      if (c === ']') return a;
      if (c !== ',') this.fail('engine.row.json.expectedCommaOrBracket', childPath);
    }
  }

  string(path: string): string {
    const s = this.s;
    const start = ++this.i;
    let simple = true;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        const raw = s.slice(start, this.i);
        this.i++;
        if (simple) return raw;
        try {
          return JSON.parse(`"${raw}"`) as string;
        } catch {
          this.fail('engine.row.json.badEscape', path);
        }
      }
      if (c === 92) {
        simple = false;
        this.i++;
      } else if (c === 10) this.fail('engine.row.json.unclosedString', path);
      this.i++;
    }
    this.end(path);
  }

  number(path: string): JsonNum {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail('engine.row.json.badNumber', path);
    this.i += m[0].length;
    if (this.i >= this.s.length && !this.final) throw new NeedMore();
    return new JsonNum(m[0]);
  }
}

/** Parse one complete JSON text (a JSONL line, a test string). Throws JsonSyntaxError. */
export function parseJson(text: string, firstLine = 1): JsonValue {
  const p = new Parser(text, firstLine, true);
  const v = p.value('');
  p.ws();
  if (p.i < text.length) p.fail('engine.row.json.trailing', '', { char: text[p.i]! });
  return v;
}

/**
 * Most characters one JSON document (or one page of a top-level array) may have: 64 MiB. Export pages
 * and agent session files are KBs to a few MB. A document is held whole while it is parsed, its text and
 * then its objects (several times the text), inside a parser worker whose heap is capped at 256 MB; a
 * larger one would end the worker for lack of memory instead of giving an error that says what to do.
 */
export const MAX_JSON_VALUE_CHARS = 64 * 1024 * 1024;

function tooLargeMessage(line: number, max: number): RowSaid {
  return rowSaid('engine.row.json.documentTooLarge', { line, mib: max / (1024 * 1024) });
}

export type JsonItem = { kind: 'value'; line: number; value: JsonValue } | { kind: 'error'; line: number; field: string; said: RowSaid };

/**
 * The top-level values of a JSON file, streamed: one document, several concatenated documents, or a
 * top-level array (each element yielded on its own: an array of pages). Only one value is held at a time.
 * A syntax error ends the stream with an error item at the line where parsing failed.
 */
export async function* readJsonValues(source: TextSource, signal?: AbortSignal, maxValueChars = MAX_JSON_VALUE_CHARS): AsyncIterable<JsonItem> {
  const it = source[Symbol.asyncIterator]();
  let buf = '';
  let pos = 0;
  let line = 1;
  let done = false;
  let inTopArray = false;
  let topArrayIndex = 0;
  let sawValue = false;
  let firstChunk = true;

  const more = async (): Promise<boolean> => {
    if (done) return false;
    checkAborted(signal);
    const r = await it.next();
    if (r.done) {
      done = true;
      return false;
    }
    buf = buf.slice(pos) + (firstChunk ? r.value.replace(/^\uFEFF/, '') : r.value);
    firstChunk = false;
    pos = 0;
    return true;
  };
  /** Skip whitespace (and, inside a top-level array, one separator). */
  const skip = async (): Promise<string | null> => {
    for (;;) {
      while (pos < buf.length) {
        const c = buf[pos]!;
        if (c === '\n') line++;
        else if (c !== ' ' && c !== '\t' && c !== '\r') return c;
        pos++;
      }
      if (!(await more())) return null;
    }
  };

  for (;;) {
    let c = await skip();
    if (c === null) {
      if (inTopArray) yield { kind: 'error', line, field: `$[${topArrayIndex}]`, said: rowSaid('engine.row.json.truncated') };
      else if (!sawValue) yield { kind: 'error', line: 1, field: '(file)', said: rowSaid('engine.row.fileEmpty') };
      return;
    }
    if (!inTopArray && c === '[' && !sawValue) {
      inTopArray = true;
      sawValue = true;
      pos++;
      c = await skip();
      if (c === ']') {
        pos++;
        inTopArray = false;
        continue;
      }
      if (c === null) continue;
    } else if (inTopArray && topArrayIndex > 0) {
      if (c === ']') {
        pos++;
        inTopArray = false;
        continue;
      }
      if (c !== ',') {
        yield { kind: 'error', line, field: `$[${topArrayIndex}]`, said: rowSaid('engine.row.json.pageSeparator', { char: c }) };
        return;
      }
      pos++;
      // The separator is consumed: the next element follows (a truncated file is reported at the loop's top).
      if ((await skip()) === null) continue;
    }
    // Parse one value from pos, asking for more text while it is incomplete.
    for (;;) {
      const p = new Parser(buf.slice(pos), line, done);
      try {
        const startLine = line;
        const value = p.value(inTopArray ? `$[${topArrayIndex}]` : '');
        pos += p.i;
        line = p.line;
        sawValue = true;
        if (inTopArray) topArrayIndex++;
        yield { kind: 'value', line: startLine, value };
        break;
      } catch (e) {
        if (e instanceof NeedMore) {
          // Parse again from the value's start only once its text doubled: linear in its size overall.
          const want = Math.min(2 * (buf.length - pos), maxValueChars + 1);
          while (buf.length - pos < want && (await more()));
          if (buf.length - pos <= maxValueChars) continue; // when the file ended, the next round says it is truncated
          yield { kind: 'error', line, field: inTopArray ? `$[${topArrayIndex}]` : '$', said: tooLargeMessage(line, maxValueChars) };
          return;
        }
        if (e instanceof JsonSyntaxError) {
          yield { kind: 'error', line: e.line, field: e.path, said: e.said };
          return;
        }
        throw e;
      }
    }
  }
}

/** Numbers of a value JSON.parse read, as JsonNum; false when one is not a safe integer (its text must be kept exactly). */
function numbersToJsonNum(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x)) return false;
      if (k === '__proto__') setOwn(o, k, new JsonNum(String(x)));
      else o[k] = new JsonNum(String(x));
    } else if (x !== null && typeof x === 'object' && !numbersToJsonNum(x)) return false;
  }
  return true;
}

/**
 * Whether every number of a value JSON.parse read is a safe integer: then parseJsonLine gives the same
 * value with each number as JsonNum(String(n)), and an importer may read the plain value as it is.
 */
export function onlySafeIntegers(v: unknown): boolean {
  if (typeof v === 'number') return Number.isSafeInteger(v);
  if (v === null || typeof v !== 'object') return true;
  // An array by index: for-in would walk it by its indices as strings.
  if (Array.isArray(v)) return v.every((x: unknown) => onlySafeIntegers(x));
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x)) return false;
    } else if (x !== null && typeof x === 'object' && !onlySafeIntegers(x)) return false;
  }
  return true;
}

/**
 * One line's value: V8's JSON.parse (several times faster than this file's parser) when every number in
 * it is a whole number (token counts), else this file's parser, which keeps a decimal's exact text and
 * names the line and field of a syntax error. `parsed`: what JSON.parse already gave for the line.
 */
export function parseJsonLine(text: string, line: number, parsed?: { value: unknown }): JsonValue {
  try {
    const v = parsed ? parsed.value : (JSON.parse(text) as unknown);
    if (typeof v !== 'number') {
      if (numbersToJsonNum(v)) return v as JsonValue;
    } else if (Number.isSafeInteger(v)) return new JsonNum(String(v));
  } catch {
    // not JSON: the parser below says where and why
  }
  return parseJson(text, line);
}

/**
 * JSONL: one value per physical line; blank lines ignored; a bad line, or one longer than the line cap
 * (lines.ts), is an error item and reading goes on.
 */
export async function* readJsonLines(source: TextSource, signal?: AbortSignal): AsyncIterable<JsonItem> {
  let line = 0;
  for await (const batch of readLineBatches(source, signal)) {
    for (const l of batch) {
      line = l.line;
      if (l.tooLong) {
        yield { kind: 'error', line, field: '$', said: tooLongMessage() };
        continue;
      }
      if (!('text' in l) || l.text.trim() === '') continue;
      try {
        yield { kind: 'value', line, value: parseJsonLine(l.text, line) };
      } catch (e) {
        if (e instanceof JsonSyntaxError) yield { kind: 'error', line, field: e.path, said: e.said };
        else throw e;
      }
    }
  }
  if (line === 0) yield { kind: 'error', line: 1, field: '(file)', said: rowSaid('engine.row.fileEmpty') };
}

// ---- typed access: failures throw FieldError with the JSON path ----------------------------
