/** Handlers of the mappings noun (shared/contract/api/mappings.ts). */
import type { ApiHandlers } from '../../../../shared/contract/client';
import type { EngineContext } from '../../context';
import { writes } from '../../hooks';
import { listMappings, previewMapping, removeMapping, saveMapping, suggestMapping } from './service';

export const mappingHandlers = {
  'mappings.suggest': (input, ctx) => suggestMapping(ctx.db, input),
  'mappings.preview': (input) => previewMapping(input, input.profile, input.limit),
  // A profile changes how later files are read, not what the ledger holds.
  'mappings.save': writes((input, ctx) => saveMapping(ctx.db, input, ctx.now())),
  'mappings.list': (_input, ctx) => listMappings(ctx.db),
  'mappings.remove': writes((input, ctx) => removeMapping(ctx.db, input.id)),
} satisfies Partial<ApiHandlers<EngineContext>>;
