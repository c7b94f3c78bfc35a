/**
 * Bytes -> text: encoding detection (BOM, UTF-8 validity, GB18030 fallback), delimiter detection,
 * the header record, and a streaming text source that never holds a whole file in memory.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import Papa from 'papaparse';
import { HEAD_BYTES, type FileHead, type TextEncodingName, type TextSource } from '../types';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of BOM to skip at the start of the file. */
  bomLength: number;
}

/** Decide the encoding from the first bytes: BOM first, then "is it valid UTF-8", else GB18030. */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (isValidUtf8Prefix(bytes)) return { encoding: 'utf-8', bomLength: 0 };
  return { encoding: 'gb18030', bomLength: 0 };
}

/** Where the head's last complete character ends (up to 3 trailing bytes of a cut one before it). */
function completeEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  // Drop up to 3 trailing bytes of an incomplete sequence.
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end = bytes.length - back;
    break;
  }
  return end;
}

/**
 * Valid UTF-8, allowing the head to end in the middle of a multi-byte sequence
 * (the head is a cut of the file, not the whole file). Validated without decoding: the head is decoded once, after.
 */
function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  return isUtf8(bytes.subarray(0, completeEnd(bytes)));
}

/** The delimiter used most often on the first line, outside quotes (',' when there is no tie-breaker). */
export function detectDelimiter(firstLine: string): string | null {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let inQuotes = false;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** The first record of delimited text (quoted fields may span lines). */
function firstRecord(text: string): string {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n' && !inQuotes) return text.slice(0, i).replace(/\r$/, '');
  }
  return text;
}

/**
 * The head's text as a streaming decoder gives it (the cut-off bytes at its end held back, a BOM dropped).
 * Valid UTF-8 is decoded in one pass, then only its cut-off bytes by a streaming decoder (from a character
 * boundary, they read the same alone): a streaming decode of the whole head cost ~5x as much (0.14 s over
 * 500 session logs).
 */
function decodeHead(head: Uint8Array, encoding: TextEncodingName, bomLength: number): string {
  const end = encoding === 'utf-8' ? completeEnd(head) : -1;
  if (end < bomLength || !isUtf8(head.subarray(0, end))) return new TextDecoder(encoding).decode(head.subarray(bomLength), { stream: true });
  const text = new TextDecoder('utf-8').decode(head.subarray(bomLength, end));
  return end < head.length ? text + new TextDecoder('utf-8').decode(head.subarray(end), { stream: true }) : text;
}

/** Build a FileHead from the first bytes of a file (tests call this directly). */
export function headFromBytes(fileName: string, bytes: Uint8Array): FileHead {
  const head = bytes.subarray(0, HEAD_BYTES);
  const { encoding, bomLength } = detectEncoding(head);
  let text = decodeHead(head, encoding, bomLength);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM inside GB18030 / unlabelled text
  return headFromText(fileName, text, encoding);
}

/** A FileHead from already decoded text (BOM removed). */
export function headFromText(fileName: string, text: string, encoding: TextEncodingName): FileHead {
  const trimmed = text.trimStart();
  let csvHeader: string[] | null = null;
  let delimiter: string | null = null;
  if (trimmed.length > 0 && trimmed[0] !== '{' && trimmed[0] !== '[') {
    const record = firstRecord(text);
    const d = detectDelimiter(record);
    if (d !== null) {
      const parsed = Papa.parse<string[]>(record, { delimiter: d });
      const fields = parsed.data[0];
      if (fields && fields.length > 1) {
        delimiter = d;
        csvHeader = fields.map((f) => f.replace(/^\uFEFF/, '').trim().replace(/^"|"$/g, '').trim());
      }
    }
  }
  return { fileName, text, encoding, csvHeader, delimiter };
}

let headBuffer: Uint8Array | undefined;

/**
 * Read the first HEAD_BYTES of a file and describe it, with blocking calls: an import identifies every
 * file before it reads any, and an asynchronous open, read and close cost the inserting thread three
 * thread-pool round trips a file (about 0.1 s over 500 session logs). Throws as the reads do (EACCES...).
 */
export function readFileHeadSync(path: string, fileName = path): FileHead {
  const fd = openSync(path, 'r');
  try {
    // One buffer for every head (the read is blocking and the head keeps only the text decoded from it).
    const buffer = (headBuffer ??= new Uint8Array(HEAD_BYTES));
    const bytesRead = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return headFromBytes(fileName, buffer.subarray(0, bytesRead));
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the bytes' last UTF-8 sequence begins when it is cut short (its lead byte announces more bytes than
 * follow it), else the bytes' length: the bytes before it decode alone as they would within the stream.
 */
function completeUtf8(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: the lead is further back
    const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * UTF-8 chunks decoded whole, each up to its last complete sequence (the rest goes before the next chunk):
 * TextDecoder's streaming mode leaves Node's fast UTF-8 path for ICU's converter, 4-8 times slower
 * (10 MB of CSV in 32 KiB chunks: 17 vs 2-4 ms). The text is the streaming decode's, invalid bytes and BOMs
 * alike: the decoder never strips a BOM here, the caller strips what the streaming one would have.
 */
async function* utf8Texts(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry: Uint8Array | null = null;
  for await (const chunk of chunks) {
    const bytes: Uint8Array = carry ? Buffer.concat([carry, chunk]) : chunk;
    const end = completeUtf8(bytes);
    // A copy (at most 3 bytes): a Buffer's slice() is a view, and a reader may fill its buffer again.
    carry = end < bytes.length ? new Uint8Array(bytes.subarray(end)) : null;
    if (end > 0) yield decoder.decode(bytes.subarray(0, end));
  }
  if (carry) yield decoder.decode(carry);
}

/** Decode a stream of byte chunks (any split) into text chunks; drops the BOM. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, encoding: TextEncodingName): TextSource {
  if (encoding === 'utf-8') {
    // The BOM the streaming decoder strips (the file's first character), then the one stripped below from the first text left.
    let [decoderBom, ownBom] = [true, true];
    for await (let text of utf8Texts(chunks)) {
      if (decoderBom && text.length > 0) {
        decoderBom = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (ownBom && text.length > 0) {
        ownBom = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text.length > 0) yield text;
    }
    return;
  }
  const decoder = new TextDecoder(encoding); // ignoreBOM false: the decoder strips a leading BOM of its own encoding
  let first = true;
  for await (const chunk of chunks) {
    let text = decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/**
 * Stream a file as decoded text chunks (64 KiB reads). The file is opened on the first read and closed
 * when the reading ends or stops: a source never read (a reader of a SQLite store reads its path instead)
 * holds no file open.
 */
export function openTextSource(path: string, encoding: TextEncodingName): TextSource {
  async function* bytes(): AsyncIterable<Uint8Array> {
    yield* createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array>;
  }
  return decodeChunks(bytes(), encoding);
}

/** A TextSource over in-memory text, cut into chunks of `chunkSize` (tests use small sizes to exercise boundaries). */
export async function* textSourceFromString(text: string, chunkSize = 64 * 1024): TextSource {
  for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
}
