/**
 * Files for an import: paths (files or folders, read recursively, hidden entries skipped), uploads from
 * the browser host (written to a temp folder), sha-256, and a byte-counting streamed text source.
 */
import { saidError } from '../said-error';
import { said, type Said } from '../../../shared/i18n/said';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { decodeChunks } from '../importers/kit/decode';
import { withUtf8Bytes } from '../importers/kit/lines';
import type { Importer, TextEncodingName, TextSource } from '../importers/types';

export interface ImportFile {
  /** Absolute path read from. */
  path: string;
  /** Name shown to the user and stored on the batch (upload name, or the path as given). */
  name: string;
  /** Path stored on the batch; null for uploads (their temp copy is gone after the import). */
  storedPath: string | null;
  bytes: number;
  /** Why it cannot be read (a folder or file this user may not read): a row error of the import, not an abort. */
  unreadable?: Said;
}

function isHidden(name: string): boolean {
  return name.startsWith('.');
}

function denied(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM';
}

/** Files under `dir`; a folder this user cannot read is listed as itself, with why (`unreadable`). */
async function walk(dir: string, out: { path: string; unreadable?: Said }[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (!denied(err)) throw err;
    out.push({ path: dir, unreadable: said('engine.row.folderDenied') });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    // A SQLite store's -wal/-shm/-journal files are read through the store itself (an agent's opencode.db).
    if (isHidden(e.name) || /-(?:wal|shm|journal)$/i.test(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push({ path: p });
  }
}

/** Expand files and folders into files, in a stable order, each once. */
export async function expandPaths(paths: readonly string[]): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const abs = resolve(given);
    let st;
    try {
      st = await stat(abs);
    } catch (err) {
      if (denied(err)) {
        out.push({ path: abs, name: given, storedPath: abs, bytes: 0, unreadable: said('engine.row.fileDenied') });
        continue;
      }
      throw saidError('NOT_FOUND', 'engine.error.noSuchPath', { path: given }, { path: given });
    }
    const files: { path: string; unreadable?: Said }[] = [];
    if (st.isDirectory()) await walk(abs, files);
    else files.push({ path: abs });
    for (const { path: f, unreadable } of files) {
      if (seen.has(f)) continue;
      seen.add(f);
      const name = f === abs ? given : f;
      if (unreadable) {
        out.push({ path: f, name, storedPath: f, bytes: 0, unreadable });
        continue;
      }
      const bytes = f === abs ? st.size : (await stat(f)).size;
      out.push({ path: f, name, storedPath: f, bytes });
    }
  }
  if (out.length === 0) throw saidError('NOT_FOUND', 'engine.error.nothingToImport', { paths: paths.join(', ') }, { paths });
  return out;
}

/** Browser uploads: written to a private temp folder; `cleanup` removes it. */
export async function writeUploads(files: readonly { name: string; contentBase64: string }[]): Promise<{ files: ImportFile[]; cleanup: () => void }> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenledger-upload-'));
  const out: ImportFile[] = [];
  let i = 0;
  for (const f of files) {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    // The name is only a label: never trust it as a path.
    const p = join(dir, `${i++}-${basename(f.name).replace(/[^\w.-]/g, '_') || 'upload'}`);
    await writeFile(p, bytes);
    out.push({ path: p, name: basename(f.name), storedPath: null, bytes: bytes.length });
  }
  // Synchronous: the copy is gone when the call returns, even when the process ends right after.
  return { files: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Bytes per read of a file whose raw bytes are read (kit/lines.ts: JSONL). */
const READ_BYTES = 256 * 1024;
/**
 * Bytes per read of a file decoded as text (CSV). Smaller than READ_BYTES: a read's text and the records
 * cut from it are alive until the last is normalized, and at 256 KiB (~1,300 rows of an OpenRouter export)
 * they outlived the parser worker's young-generation collections: 1M rows, 256 KiB reads vs 16 KiB, parse
 * 8.7-9.7 vs 5.9-7.3 µs a row and normalize 5.0-5.9 vs 4.4-5.4 (300k rows: the worker's scavenges 1.0-1.1 s
 * vs 0.6 s, its full collections 35 vs 20). 16 and 32 KiB measured alike, 64 KiB a little slower.
 */
const TEXT_READ_BYTES = 32 * 1024;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A read buffer no chunk was handed out of (the read at a file's end found nothing), for the next read. */
let spare: Buffer | null = null;

/**
 * The file's bytes from `start` to its end, in fresh buffers of up to `size` bytes, read with blocking calls:
 * for the parser worker, which has nothing else to do meanwhile. A stream's asynchronous open, reads and
 * close (thread-pool round trips, stream machinery) cost it about 0.5 ms a file over 500 session logs.
 */
function* blockingChunks(path: string, start: number, size: number): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (let at = start; ; ) {
      const buf = spare?.length === size ? spare : Buffer.allocUnsafe(size);
      spare = null;
      const n = readSync(fd, buf, 0, size, at);
      if (n === 0) {
        spare = buf;
        return;
      }
      at += n;
      yield n < size ? buf.subarray(0, n) : buf;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The file as decoded text chunks, from byte `start`; `onBytes` sees each raw chunk (for progress and the
 * running sha-256). A UTF-8 file can be read as its raw bytes instead (kit/lines.ts: a line reader then
 * decodes only the lines it keeps).
 */
export function countingTextSource(path: string, encoding: TextEncodingName, onBytes: (chunk: Buffer) => void, start = 0, blocking = false): TextSource {
  async function* bytes(size: number): AsyncIterable<Uint8Array> {
    for await (const chunk of blocking ? blockingChunks(path, start, size) : createReadStream(path, { highWaterMark: size, start })) {
      onBytes(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  const text = decodeChunks(bytes(TEXT_READ_BYTES), encoding);
  return encoding === 'utf-8' ? withUtf8Bytes(text, () => bytes(READ_BYTES)) : text;
}

/** Bytes hashed at the head of a file and before its last line read. */
const PROBE_BYTES = 4096;

/**
 * sha-256 of the bytes [from, to) of a file (fewer when the file is shorter). At most PROBE_BYTES, read
 * with blocking calls: an asynchronous open, read and close of a few KB cost the inserting thread ~1 ms a
 * file in promise and thread-pool round trips, over hundreds of session files.
 */
export function hashRange(path: string, from: number, to: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, to - from));
    const bytesRead = readSync(fd, buf, 0, buf.length, from);
    return createHash('sha256').update(buf.subarray(0, bytesRead)).digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Where a remembered reading ends (its head and tail hashed there): a log's last complete line, an export's end (it is one document). */
export const readingEnd = (importer: Pick<Importer, 'log'>, lineEnd: number, size: number): number => (importer.log ? lineEnd : size);

/** The head that must not change: the first bytes, never past the end of the last line read (a line still being written may). */
export const headHash = (path: string, lineEnd: number) => hashRange(path, 0, Math.min(PROBE_BYTES, lineEnd));
export const tailHash = (path: string, lineEnd: number) => hashRange(path, Math.max(0, lineEnd - PROBE_BYTES), lineEnd);
