/**
 * The JSONL line reader cuts a file the same way whether it reads decoded text or (the pipeline's file
 * reader) raw UTF-8 bytes: same line numbers, texts, blank lines, CRs, BOMs, lines past the cap, and the
 * last line still being written, however the reads split the file (inside a multi-byte character too).
 * With needles, the lines holding none are `unread` on both paths, and blank ones stay blank.
 */
import { describe, expect, it } from 'vitest';
import { decodeChunks } from '../../electron/engine/importers/kit/decode';
import { readLineBatches, withUtf8Bytes, type LineItem, type LineOptions } from '../../electron/engine/importers/kit/lines';
import { seeded } from '../../shared/domain/random';

const PIECES = ['{"type":"token_count","n":1}', '{"type":"message","text":"héllo wörld 😀 中文"}', '', '   ', '\t', '\r', '\uFEFF', 'x'.repeat(40), '{"a":"token_count"}', '\u00a0', '{"k":"é"}'];

function randomText(r: () => number): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    const parts = 1 + Math.floor(r() * 3);
    let l = '';
    for (let p = 0; p < parts; p++) l += PIECES[Math.floor(r() * PIECES.length)]!;
    // One BOM at most at the start of the file (how many of several the text reading drops depends on its splits).
    if (i === 0) l = l.replace(/^\uFEFF+/, '');
    lines.push(r() < 0.2 ? `${l}\r` : l);
  }
  const text = lines.join('\n') + (r() < 0.5 ? '\n' : '');
  return r() < 0.2 ? `\uFEFF${text}` : text;
}

/** The bytes cut at random places (a UTF-8 sequence split across two reads included). */
function splitBytes(bytes: Buffer, r: () => number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(r() * 9);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function lines(source: AsyncIterable<string>, opts: LineOptions): Promise<LineItem[]> {
  const out: LineItem[] = [];
  for await (const batch of readLineBatches(source, undefined, opts)) out.push(...batch);
  return out;
}

async function* iterate<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

describe('the JSONL line reader', () => {
  it('gives the same lines from text and from bytes, at any split, with and without needles', async () => {
    const r = seeded(7);
    for (let round = 0; round < 400; round++) {
      const text = randomText(r);
      const bytes = Buffer.from(text, 'utf8');
      const chunks = splitBytes(bytes, r);
      const opts: LineOptions = { maxChars: 20 + Math.floor(r() * 60), ...(r() < 0.5 ? { needles: ['"token_count"', 'é'] } : {}) };
      const fromText = await lines(decodeChunks(iterate(chunks), 'utf-8'), opts);
      const fromBytes = await lines(
        withUtf8Bytes(decodeChunks(iterate([]), 'utf-8'), () => iterate(chunks)),
        opts,
      );
      expect(fromBytes, JSON.stringify({ text, opts })).toEqual(fromText);
    }
  });

  it('reads a line past the cap as one tooLong line, numbering the next one on', async () => {
    const text = `{"a":1}\n${'é'.repeat(30)}\n{"b":2}\n${'y'.repeat(25)}`;
    const chunks = splitBytes(Buffer.from(text, 'utf8'), seeded(3));
    const got = await lines(
      withUtf8Bytes(decodeChunks(iterate([]), 'utf-8'), () => iterate(chunks)),
      { maxChars: 20 },
    );
    expect(got).toEqual([
      { line: 1, text: '{"a":1}', complete: true },
      { line: 2, tooLong: true, complete: true },
      { line: 3, text: '{"b":2}', complete: true },
      { line: 4, tooLong: true, complete: false },
    ]);
  });

  it('never decodes a line without a needle: it is unread, a blank one stays blank', async () => {
    const text = '{"type":"token_count"}\n{"type":"message"}\n  \n{"x":"token_count"}\n';
    const got = await lines(
      withUtf8Bytes(decodeChunks(iterate([]), 'utf-8'), () => iterate([Buffer.from(text)])),
      { needles: ['"token_count"'] },
    );
    expect(got).toEqual([
      { line: 1, text: '{"type":"token_count"}', complete: true },
      { line: 2, unread: true, complete: true },
      { line: 3, text: '', complete: true },
      { line: 4, text: '{"x":"token_count"}', complete: true },
    ]);
  });
});
