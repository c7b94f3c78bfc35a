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
}

declare global {
  interface Window {
    __tokenLedgerEarly?: Early;
  }
}

export function withEarlyAnswer(transport: Transport, host: { __tokenLedgerEarly?: Early } = window): Transport {
  return {
    ...transport,
    invoke(method, input) {
      const early = host.__tokenLedgerEarly;
      if (early && early.method === method && early.input === JSON.stringify(input ?? {})) {
        delete host.__tokenLedgerEarly;
        // A failed early request (the page was reloaded as the server stopped...) is asked again.
        return early.answer.catch(() => transport.invoke(method, input));
      }
      return transport.invoke(method, input);
    },
  };
}
