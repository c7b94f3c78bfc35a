/**
 * The answer to a request the page sent before the app loaded (renderer/public/early-overview.js: the
 * Overview's first request, so the engine works while the window's code loads). The first call with the
 * same method and input takes it, once; every other call goes to the transport.
 */
import type { ApiResult } from '../../../shared/contract/errors';
import type { Transport } from '../../../shared/contract/client';

interface Early {
  method: string;
  /** The input as JSON, exactly as sent. */
  input: string;
  answer: Promise<ApiResult<unknown>>;
  /** The answer once it has arrived (set by the page's script when `answer` resolves). */
  result?: ApiResult<unknown>;
}

declare global {
  interface Window {
    __tokenLedgerEarly?: Early;
  }
}

type Host = { __tokenLedgerEarly?: Early };

const browserHost = (): Host => (typeof window === 'undefined' ? {} : window);

const sameCall = (early: Early | undefined, method: string, input: unknown): early is Early =>
  early !== undefined && early.method === method && early.input === JSON.stringify(input ?? {});

export function withEarlyAnswer(transport: Transport, host: Host = browserHost()): Transport {
  return {
    ...transport,
    invoke(method, input) {
      const early = host.__tokenLedgerEarly;
      if (sameCall(early, method, input)) {
        delete host.__tokenLedgerEarly;
        // A failed early request (the page was reloaded as the server stopped...) is asked again.
        return early.answer.catch(() => transport.invoke(method, input));
      }
      return transport.invoke(method, input);
    },
  };
}

/**
 * The early answer's value when it has already arrived, answered without error, for this very call: taken
 * (as the first call would take it), so a screen first drawn after it came draws its data in that first
 * frame instead of the next. Undefined otherwise (the call then goes the usual way).
 */
export function takeArrivedEarly(method: string, input: unknown, host: Host = browserHost()): { value: unknown } | undefined {
  const early = host.__tokenLedgerEarly;
  if (!sameCall(early, method, input) || early.result?.ok !== true) return undefined;
  delete host.__tokenLedgerEarly;
  return { value: early.result.value };
}
