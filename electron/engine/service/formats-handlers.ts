/** The list of recognized export formats (imports.formats), read from the importer registry. */
import type { ApiHandlers } from '../../../shared/contract/client';
import { importers } from '../importers/registry';
import type { EngineContext } from './context';

export const formatsHandlers = {
  'imports.formats': () => importers.map((i) => ({ id: i.id, label: i.label, provider: i.provider })),
} satisfies Partial<ApiHandlers<EngineContext>>;
