/** Handlers of the column mapping area (shared/contract/api/mapping.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from './context';
import { listMappings, previewMapping, removeMapping, saveMapping, suggestMapping } from './mapping-service';

export const mappingHandlers = {
  'mappings.suggest': (input, ctx) => suggestMapping(ctx.db, input),
  'mappings.preview': (input) => previewMapping(input, input.profile, input.limit),
  'mappings.save': (input, ctx) => saveMapping(ctx.db, input),
  'mappings.list': (_input, ctx) => listMappings(ctx.db),
  'mappings.remove': (input, ctx) => removeMapping(ctx.db, input.id),
} satisfies Partial<ApiHandlers<EngineContext>>;
