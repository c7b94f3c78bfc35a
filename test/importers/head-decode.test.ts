/**
 * A file's head is decoded as a streaming decoder reads the first 64 KB of it (a BOM dropped, a character
 * cut at the end held back, a broken one shown as U+FFFD): identification and the mapping wizard see that
 * text, whichever way it is decoded, for any bytes.
 */
import { describe, expect, it } from 'vitest';
import { decodeChunks, detectEncoding, headFromBytes } from '../../electron/engine/importers/kit/decode';

/** The head's text as one streaming decode of the bytes after the BOM gives it. */
function streamed(bytes: Uint8Array): string {
  const { encoding, bomLength } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bomLength), { stream: true });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Byte strings of BOMs, ASCII, whole and cut multi-byte characters, and bytes UTF-8 never has (a seeded draw). */
function* heads(count: number): Generator<Uint8Array> {
  const pieces = [[0xef, 0xbb, 0xbf], [0x41], [0x0a], [0x7b, 0x22], [0xc3, 0xa9], [0xc3], [0xe2, 0x82, 0xac], [0xe2, 0x82], [0xe2], [0xf0, 0x9f, 0x98, 0x80], [0xf0, 0x9f, 0x98], [0xf0, 0x9f], [0x80], [0xbf], [0xc0], [0xed, 0xa0, 0x80], [0xff], [0xfe], [0xff, 0xfe], [0xfe, 0xff]];
  let seed = 7;
  for (let i = 0; i < count; i++) {
    const bytes: number[] = [];
    for (let j = 0; j < i % 9; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      bytes.push(...pieces[seed % pieces.length]!);
    }
    yield Uint8Array.from(bytes);
  }
}

describe("a file's head", () => {
  it('is the text a streaming decode of its bytes gives, for any bytes', () => {
    const encodings = new Set<string>();
    for (const bytes of heads(30_000)) {
      encodings.add(detectEncoding(bytes).encoding);
      expect(headFromBytes('x', bytes).text, JSON.stringify([...bytes])).toBe(streamed(bytes));
    }
    expect([...encodings].sort()).toEqual(['gb18030', 'utf-16be', 'utf-16le', 'utf-8']);
  });

  it('of a large valid file ends before a character cut at 64 KB', () => {
    const bytes = new Uint8Array(64 * 1024 + 2).fill(0x61);
    bytes.set([0xe2, 0x82, 0xac], 64 * 1024 - 2);
    const text = headFromBytes('x', bytes).text;
    expect(text.length).toBe(64 * 1024 - 2);
    expect(text).toBe(streamed(bytes.subarray(0, 64 * 1024)));
  });
});

describe('a UTF-8 file read in chunks', () => {
  /** The text one streaming decoder gives the chunks (as decodeChunks read them before it decoded whole chunks): its BOM, then one more, dropped. */
  async function streamingDecode(chunks: readonly Uint8Array[]): Promise<string> {
    const decoder = new TextDecoder('utf-8');
    let out = '';
    for (const c of chunks) out += decoder.decode(c, { stream: true });
    out += decoder.decode();
    return out.charCodeAt(0) === 0xfeff ? out.slice(1) : out;
  }

  it('is the text a streaming decoder gives, for any bytes cut anywhere (broken and cut characters, BOMs)', async () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) >>> 8;
    let cutInside = 0;
    for (const [k, bytes] of [...heads(6_000)].entries()) {
      const doubled = Uint8Array.from([...bytes, ...bytes, ...(k % 3 === 0 ? [0xef, 0xbb, 0xbf] : [])]);
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < doubled.length; ) {
        const n = next() % 5;
        chunks.push(doubled.subarray(at, at + n));
        at += n;
      }
      let text = '';
      for await (const t of decodeChunks(chunks, 'utf-8')) text += t;
      expect(text, JSON.stringify(chunks.map((c) => [...c]))).toBe(await streamingDecode(chunks));
      if (chunks.some((c) => c.length > 0 && (c[0]! & 0xc0) === 0x80)) cutInside++;
    }
    // Characters were cut between chunks (the case a decode per chunk gets wrong).
    expect(cutInside).toBeGreaterThan(1_000);
  });

  it('keeps a character cut at a chunk end when the reader fills the same buffer again', async () => {
    // '€' (e2 82 ac) cut after its first byte, read through one buffer refilled for each chunk.
    const bytes = Buffer.from('ab\u20accd\u20ac', 'utf8');
    const buffer = Buffer.alloc(3);
    function* refilled(): Generator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 3) {
        const n = bytes.copy(buffer, 0, at, at + 3);
        yield buffer.subarray(0, n);
      }
    }
    let text = '';
    for await (const t of decodeChunks(refilled(), 'utf-8')) text += t;
    expect(text).toBe('ab\u20accd\u20ac');
  });
});
