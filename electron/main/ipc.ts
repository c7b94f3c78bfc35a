/**
 * IPC -> dispatch, kept free of the `electron` import so it can be tested with a stand-in event.
 * Only the app's own window may call, and only the methods it needs: a sender whose frame URL is not
 * the app's is refused, as is a method outside WINDOW_METHODS, and an import of a file the user did not
 * hand the window (see path-grants.ts).
 */
import { pathToFileURL } from 'node:url';
import type { ApiResult } from '../../shared/contract/errors';
import { isMethodName } from '../../shared/contract/methods';
import { WINDOW_METHODS } from '../../shared/contract/transport';
import type { Dispatch } from '../engine';
import type { PathGrants } from './path-grants';

/**
 * Whether a frame URL is a page of the app: under the built renderer's folder (compared as canonical
 * file URLs, so a folder with a space or a Windows path matches the percent-encoded URL Chromium
 * reports), or on the dev server's origin. `..` segments are resolved before the comparison.
 */
export function appUrlCheck(rendererDir: string, opts: { devUrl?: string | undefined; windows?: boolean } = {}): (url: string) => boolean {
  const base = pathToFileURL(rendererDir.replace(/[\\/]+$/, ''), { windows: opts.windows ?? process.platform === 'win32' });
  const prefix = `${base.pathname}/`;
  const devOrigin = opts.devUrl ? new URL(opts.devUrl).origin : null;
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin !== null && u.origin === devOrigin) return true;
    return u.protocol === 'file:' && u.host === base.host && u.pathname.startsWith(prefix);
  };
}

export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

export function createInvokeHandler(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean, grants?: PathGrants) {
  return async (event: InvokeEventLike, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      return { ok: false, error: { code: 'VALIDATION', message: `Refused an API call from an untrusted page (${url || 'unknown'})` } };
    }
    const name = typeof method === 'string' ? method : String(method);
    // A contract method the window does not use is refused here; an unknown name gets dispatch's answer.
    if (isMethodName(name) && !WINDOW_METHODS.includes(name)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `The window cannot call "${name}"` } };
    }
    const refused = grants?.refusal(name, input);
    if (refused) return { ok: false, error: { code: 'VALIDATION', message: refused } };
    return dispatch(name, input);
  };
}

/** The preload's grant of a dropped or chosen file's path, taken from the app's own window only. */
export function createGrantHandler(grants: PathGrants, isTrustedUrl: (url: string) => boolean) {
  return (event: InvokeEventLike & { returnValue?: unknown }, path: unknown): void => {
    const trusted = isTrustedUrl(event.senderFrame?.url ?? '') && typeof path === 'string';
    if (trusted) grants.grant([path]);
    event.returnValue = trusted;
  };
}
