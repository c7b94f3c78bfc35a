/**
 * IPC -> dispatch, kept free of the `electron` import so it can be tested with a stand-in event.
 * Only the app's own window may call: a sender whose frame URL is not the app's is refused.
 */
import type { ApiResult } from '../../shared/contract/errors';
import type { Dispatch } from '../engine';

export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

export function createInvokeHandler(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean) {
  return async (event: InvokeEventLike, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      return { ok: false, error: { code: 'VALIDATION', message: `Refused an API call from an untrusted page (${url || 'unknown'})` } };
    }
    return dispatch(typeof method === 'string' ? method : String(method), input);
  };
}
