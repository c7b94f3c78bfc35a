/**
 * The client side of the contract: any transport (IPC, HTTP, in-process) that can send
 * `(method, input)` and get an ApiResult back becomes a typed ApiClient.
 */
import { ApiError, isApiErrorShape, type ApiResult } from './errors';
import type { ApiEventName, ApiEvents } from './events';
import type { MethodInput, MethodName, MethodOutput, MethodParsedInput } from './methods';

export type ApiHandlers<Ctx> = {
  [M in MethodName]: (input: MethodParsedInput<M>, ctx: Ctx) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface Transport {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  on?<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (result.ok) return result.value as never;
      const e = result.error;
      if (isApiErrorShape(e)) throw new ApiError(e.code, e.message, e.details, e.said);
      throw new ApiError('INTERNAL', 'Malformed answer from the engine');
    },
    on(event, listener) {
      return transport.on ? transport.on(event, listener) : () => {};
    },
  };
}
