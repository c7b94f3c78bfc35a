/**
 * Picks how the window talks to the engine: the preload's IPC bridge in the desktop app, or HTTP to
 * `tokenledger serve` in a browser (access token from the page URL).
 */
import { createClient, type ApiClient, type Transport } from '../../../shared/contract/client';
import type { ApiResult } from '../../../shared/contract/errors';
import type { ApiEventName, ApiEvents } from '../../../shared/contract/events';
import { TOKEN_HEADER } from '../../../shared/contract/transport';

export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(listener: (event: string, payload: unknown) => void): () => void;
  /** Desktop only: the path of a dropped or chosen File (webUtils.getPathForFile), '' when it has none. */
  pathForFile(file: File): string;
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
  if (window.tokenLedger) return createClient(ipcTransport(window.tokenLedger));
  return createClient(httpTransport(window.location.origin, takeToken(window.location, window.history)));
}
