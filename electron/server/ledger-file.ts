/**
 * The ledger file over HTTP: a backup streamed to the browser as a download, and a restore from a
 * backup the browser uploads. The browser names no file on this machine: the host writes the backup
 * (the engine's own `ledger.backup`) or the upload into a private temp folder it chose, hands that
 * path to the engine, and removes the folder when the answer is sent. The engine checks an upload is
 * a Token Ledger database of this schema before it replaces anything (`ledger.restore`).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS, type ApiResult } from '../../shared/contract/errors';
import { LEDGER_FILE_ROUTES, MAX_HTTP_RESTORE_BYTES } from '../../shared/contract/transport';
import type { Dispatch } from '../engine';

/** What the host answers with, beside a JSON result: a status and a refusal message. */
export class LedgerFileRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function privateDir(): string {
  return mkdtempSync(join(tmpdir(), 'tokenledger-serve-'));
}

function sendResult(res: ServerResponse, result: ApiResult<unknown>): void {
  const text = JSON.stringify(result);
  res.writeHead(result.ok ? 200 : HTTP_STATUS[result.error.code], {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** GET: a consistent copy of the ledger, as an attachment; the copy is removed once sent (or abandoned). */
async function sendBackup(dispatch: Dispatch, res: ServerResponse): Promise<void> {
  const dir = privateDir();
  const file = join(dir, 'tokenledger-backup.sqlite');
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const result = await dispatch('ledger.backup', { path: file });
    if (!result.ok) {
      cleanup();
      sendResult(res, result);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/vnd.sqlite3',
      'content-length': statSync(file).size,
      'content-disposition': 'attachment; filename="tokenledger-backup.sqlite"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    await pipeline(createReadStream(file), res);
  } finally {
    cleanup();
  }
}

/** The request body into `file`, refused past the cap (declared or streamed) without keeping it. */
async function receive(req: IncomingMessage, file: string): Promise<void> {
  const tooLarge = () => new LedgerFileRefusal(413, `Backup over ${MAX_HTTP_RESTORE_BYTES / 1024 / 1024} MB: restore it with the desktop app or \`tokenledger call ledger.restore\`.`);
  if (Number(req.headers['content-length'] ?? 0) > MAX_HTTP_RESTORE_BYTES) throw tooLarge();
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > MAX_HTTP_RESTORE_BYTES ? tooLarge() : null, chunk);
    },
  });
  await pipeline(req, cap, createWriteStream(file, { flags: 'wx' }));
}

/**
 * POST: the body is the backup file (application/octet-stream, which a form or a no-cors fetch of
 * another site cannot send). `name` is the uploaded file's name, used in place of the temp path in the answer.
 */
async function restoreUpload(dispatch: Dispatch, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  if (!/^application\/octet-stream\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    throw new LedgerFileRefusal(415, 'A restore upload must be sent as application/octet-stream.');
  }
  const dir = privateDir();
  const file = join(dir, 'upload.sqlite');
  try {
    await receive(req, file);
    const result = await dispatch('ledger.restore', { path: file });
    // The temp path means nothing to the browser: answer with the name of the file it sent.
    if (result.ok) sendResult(res, { ok: true, value: { ...(result.value as object), path: name } });
    else sendResult(res, { ok: false, error: { code: result.error.code, message: result.error.message.split(file).join(name) } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Answers a ledger-file route (after the caller's token and origin are checked); false when `pathname` is none. */
export async function handleLedgerFile(dispatch: Dispatch, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname === LEDGER_FILE_ROUTES.backup) {
    if (req.method !== 'GET') throw new LedgerFileRefusal(405, 'Download the backup with GET.');
    await sendBackup(dispatch, res);
    return true;
  }
  if (url.pathname === LEDGER_FILE_ROUTES.restore) {
    if (req.method !== 'POST') throw new LedgerFileRefusal(405, 'Upload the backup with POST.');
    const name = (url.searchParams.get('name') ?? '').replace(/[^\p{L}\p{N} ._()-]/gu, '').slice(0, 200) || 'the uploaded file';
    await restoreUpload(dispatch, req, res, name);
    return true;
  }
  return false;
}
