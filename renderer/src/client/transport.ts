/**
 * Picks how the window talks to the engine: the preload's IPC bridge in the desktop app, or HTTP to
 * `tokenledger serve` in a browser (access token from the page URL).
 */
import { createClient, type ApiClient, type Transport } from '../../../shared/contract/client';
import type { ApiResult } from '../../../shared/contract/errors';
import type { ApiEventName, ApiEvents } from '../../../shared/contract/events';
import type { LedgerRestore } from '../../../shared/contract/api/ledger';
import { ApiError, isApiErrorShape } from '../../../shared/contract/errors';
import { LEDGER_FILE_ROUTES, TOKEN_HEADER, type ChooseKind } from '../../../shared/contract/transport';
import { translate } from '../ui/i18n';
import { withEarlyAnswer } from './early';

export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(listener: (event: string, payload: unknown) => void): () => void;
  /** Desktop only: the path of a dropped or chosen File (webUtils.getPathForFile), '' when it has none. */
  pathForFile(file: File): string;
  /** Desktop only: a native save or open dialog in the main process; the picked path, or null when cancelled. */
  choose(kind: ChooseKind): Promise<string | null>;
}

declare global {
  interface Window {
    tokenLedger?: PreloadBridge;
  }
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (method, input) => bridge.invoke(method, input) as Promise<ApiResult<unknown>>,
    on: <E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) =>
      bridge.on((name, payload) => {
        if (name === event) listener(payload as ApiEvents[E]);
      }),
  };
}

export function httpTransport(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): Transport {
  let source: EventSource | null = null;
  return {
    async invoke(method, input) {
      const res = await fetchImpl(`${baseUrl}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      const body = (await res.json()) as ApiResult<unknown>;
      return body;
    },
    on(event, listener) {
      if (typeof EventSource === 'undefined') return () => {};
      source ??= new EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as never);
      source.addEventListener(event, handler as EventListener);
      return () => source?.removeEventListener(event, handler as EventListener);
    },
  };
}

/**
 * The ledger file between the browser and `tokenledger serve`: the browser names no file on the
 * serving machine, so a backup comes down as a download and a restore goes up as the file itself.
 */
export interface LedgerFileTransfer {
  /** A consistent backup of the ledger, as the file's bytes. */
  download(): Promise<Blob>;
  /** Restore the ledger from a backup file; `path` in the answer is `name`. */
  upload(file: Blob, name: string): Promise<LedgerRestore>;
}

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  const e = body?.error;
  return isApiErrorShape(e) ? new ApiError(e.code, e.message, e.details, e.said) : new ApiError('INTERNAL', translate('app.error.serverAnswered', { status: res.status }));
}

export function httpLedgerFile(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): LedgerFileTransfer {
  return {
    async download() {
      const res = await fetchImpl(`${baseUrl}${LEDGER_FILE_ROUTES.backup}`, { headers: { [TOKEN_HEADER]: token } });
      if (!res.ok) throw await failure(res);
      return res.blob();
    },
    async upload(file, name) {
      const res = await fetchImpl(`${baseUrl}${LEDGER_FILE_ROUTES.restore}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: token },
        body: file,
      });
      if (!res.ok) throw await failure(res);
      return ((await res.json()) as { value: LedgerRestore }).value;
    },
  };
}

const transfers = new WeakMap<ApiClient, LedgerFileTransfer>();

/** The browser host's ledger-file transfer of a client made by `defaultClient`; undefined in the desktop app. */
export function ledgerFileOf(client: ApiClient): LedgerFileTransfer | undefined {
  return transfers.get(client);
}

/**
 * The token from `?token=` in the URL `tokenledger serve` printed, taken out of the address bar at
 * once (history.replaceState: it stays in neither the history nor a bookmark) and kept only in this
 * page's memory, never in storage another script or a later visit could read. A reload asks for the
 * printed URL again.
 */
export function takeToken(location: Location, history: Pick<History, 'replaceState' | 'state'>): string {
  const url = new URL(location.href);
  const token = url.searchParams.get('token') ?? '';
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return token;
}

export function defaultClient(): ApiClient {
  if (window.tokenLedger) return createClient(withEarlyAnswer(ipcTransport(window.tokenLedger)));
  const token = takeToken(window.location, window.history);
  const client = createClient(withEarlyAnswer(httpTransport(window.location.origin, token)));
  transfers.set(client, httpLedgerFile(window.location.origin, token));
  return client;
}
