/** The list of recognized export formats (imports.formats): the importer registry and the saved mapping profiles. */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from './context';
import { importersWithProfiles } from './mapping-service';

export const formatsHandlers = {
  // Built-in formats, then the user's column mapping profiles (issue 3, format 10).
  'imports.formats': (_input, ctx) => importersWithProfiles(ctx.db).map((i) => ({ id: i.id, label: i.label, provider: i.provider })),
} satisfies Partial<ApiHandlers<EngineContext>>;
