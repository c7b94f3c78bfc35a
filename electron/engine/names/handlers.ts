/** Handlers of the names noun (shared/contract/api/names.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { mutates } from '../hooks';
import { names, removeName, setName, values } from './service';

export const namesHandlers = {
  'names.list': (input, ctx) => names(ctx, input.dimension),
  'names.set': mutates('names', (input, ctx) => setName(ctx, input)),
  'names.remove': mutates('names', (input, ctx) => removeName(ctx, input.dimension, input.value), (out) => out.removed),
  'names.values': (input, ctx) => values(ctx, input),
} satisfies Partial<ApiHandlers<EngineContext>>;
