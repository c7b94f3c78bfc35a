/**
 * The browser host: node:http on 127.0.0.1 only. POST /api/<method> -> dispatch; GET /api/events is
 * a Server-Sent Events stream of engine events; everything else serves the built renderer.
 *
 * Who may call: a request must name this server in its Host header (127.0.0.1:<port> or
 * localhost:<port>: a rebound DNS name is refused); an API call must carry the access token printed in
 * the URL in the `X-Token-Ledger-Token` header (only the event stream, which EventSource opens without
 * headers, may carry it as `?token=`), be `application/json` (a form or a no-cors fetch from another
 * site cannot send that), and, when the browser says where it comes from (Origin, Sec-Fetch-Site),
 * come from this origin. No CORS headers are ever sent. What it may do: no input naming a file on
 * this machine is dispatched (`SERVER_PATH_INPUTS`) but the team folder the user types
 * (`HTTP_TYPED_PATH_METHODS`): files arrive as uploads only, and the ledger
 * file itself is backed up as a download and restored from an upload (`LEDGER_FILE_ROUTES`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { HTTP_STATUS, type ApiErrorShape } from '../../shared/contract/errors';
import type { ApiEventName, ApiEvents } from '../../shared/contract/events';
import { CSP, HTTP_TYPED_PATH_METHODS, MAX_HTTP_BODY_BYTES, SERVER_PATH_INPUTS, TOKEN_HEADER } from '../../shared/contract/transport';
import type { Dispatch } from '../engine';
import { handleLedgerFile, LedgerFileRefusal } from './ledger-file';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface ServeOptions {
  dispatch: Dispatch;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  /** Forward an engine event to connected browsers. */
  broadcast<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, timing?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...(timing ? { 'server-timing': timing } : {}),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function tokenMatches(expected: Buffer, given: string | null | undefined): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorShape['code'],
    message: string,
  ) {
    super(message);
  }
}

const refuse = (res: ServerResponse, e: HttpError) => sendJson(res, e.status, { ok: false, error: { code: e.code, message: e.message } });

const tooLarge = () =>
  new HttpError(413, 'VALIDATION', `Request body over ${MAX_HTTP_BODY_BYTES / 1024 / 1024} MB: import larger files with the desktop app or \`tokenledger import\`.`);

/** The body, read up to the cap (a declared length over it is refused before reading anything). */
async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_HTTP_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_HTTP_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, 'VALIDATION', 'Malformed %-escape in the request path.');
  }
}

/** Refuses a request that is not addressed to this server, or an API call a page of another site could make. */
function checkCaller(req: IncomingMessage, port: number, api: boolean): void {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes((req.headers.host ?? '').toLowerCase())) {
    throw new HttpError(421, 'VALIDATION', `Refused a request for host "${req.headers.host ?? ''}": open http://127.0.0.1:${port}/.`);
  }
  if (!api) return;
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
    throw new HttpError(403, 'VALIDATION', `Refused an API call from another origin (${origin}).`);
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, 'VALIDATION', `Refused an API call from a ${String(site)} page.`);
  }
}

/** A method's inputs that name a file on this machine: refused here, before dispatch. */
function pathInputsOf(method: string, input: unknown): string[] {
  if (HTTP_TYPED_PATH_METHODS.includes(method)) return [];
  const keys = Object.hasOwn(SERVER_PATH_INPUTS, method) ? SERVER_PATH_INPUTS[method]! : [];
  if (typeof input !== 'object' || input === null) return [];
  return keys.filter((k) => (input as Record<string, unknown>)[k] !== undefined);
}

/**
 * The engine's answer to a call, after two turns of the event loop: an engine call runs on this thread and
 * holds every other request until it returns, so the requests that have already arrived (the page's code, a
 * chart's code) are answered first and do not wait for the engine's read. With the call's Server-Timing (the
 * browser's developer tools and the overview-paint bench show it): the engine's wall time, and the process's
 * CPU time meanwhile (every thread's, an import's parser included).
 */
async function dispatchInTurn(dispatch: Dispatch, method: string, input: unknown): Promise<{ result: Awaited<ReturnType<Dispatch>>; timing: string }> {
  for (let i = 0; i < 2; i++) await new Promise<void>((ok) => setImmediate(ok));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await dispatch(method, input);
  const c = process.cpuUsage(c0);
  return { result, timing: `engine;dur=${(performance.now() - t0).toFixed(1)}, cpu;dur=${((c.user + c.system) / 1000).toFixed(1)}` };
}

/** A file of the built renderer (client-side routes fall back to the app page), with the window's CSP. */
function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  let rel = normalize(decodePath(pathname)).replace(/^([/\\])+/, '');
  if (rel === '' || rel.endsWith(sep)) rel = 'index.html';
  let file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403);
    res.end();
    return;
  }
  // Client-side routes fall back to the app page.
  if (!existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The renderer is not built (no ${file}). Run \`npm run build\` first.`);
    return;
  }
  // Read whole and sent in one write: a stream would send the file over several turns of the event loop,
  // each waiting behind whatever engine call runs meanwhile (a chart's code behind the Overview's cards).
  const body = readFileSync(file);
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // The build names every file under assets/ by a hash of its content: a changed file has a new name.
    'cache-control': file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(body);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const root = resolve(opts.staticDir);
  const listeners = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (res.headersSent) res.end();
      else if (err instanceof LedgerFileRefusal) {
        res.setHeader('connection', 'close');
        refuse(res, new HttpError(err.status, 'VALIDATION', err.message));
      } else if (err instanceof HttpError) {
        // An unread body is not waited for: the connection closes after the answer.
        if (err.status === 413) res.setHeader('connection', 'close');
        refuse(res, err);
      }
      else sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error in the HTTP host.' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = url.pathname.startsWith('/api/');
    checkCaller(req, port, api);
    if (api) {
      const events = url.pathname === '/api/events' && req.method === 'GET';
      // Only the event stream may carry the token in its URL: EventSource cannot send headers.
      const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? (events ? url.searchParams.get('token') : null);
      if (!tokenMatches(expected, given)) {
        sendJson(res, 401, { ok: false, error: { code: 'VALIDATION', message: 'Missing or wrong access token: open the URL that `tokenledger serve` printed.' } });
        return;
      }
      if (events) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      if (await handleLedgerFile(opts.dispatch, req, res, url)) return;
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' });
        res.end();
        return;
      }
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
        throw new HttpError(415, 'VALIDATION', 'API calls must be sent as application/json.');
      }
      const method = decodePath(url.pathname.slice('/api/'.length));
      const body = await readBody(req);
      let input: unknown;
      try {
        input = body.trim() === '' ? {} : (JSON.parse(body) as unknown);
      } catch {
        throw new HttpError(400, 'VALIDATION', 'Request body is not JSON.');
      }
      const named = pathInputsOf(method, input);
      if (named.length > 0) {
        throw new HttpError(
          400,
          'VALIDATION',
          `${method} over HTTP takes uploaded files only: the browser host reads and writes no file on this machine by path (${named.join(', ')} refused). Use the desktop app or the CLI for that.`,
        );
      }
      const { result, timing } = await dispatchInTurn(opts.dispatch, method, input);
      sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result, timing);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    serveStatic(root, url.pathname, res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const port: number = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    broadcast(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const l of listeners) l.write(frame);
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const l of listeners) l.end();
        listeners.clear();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
