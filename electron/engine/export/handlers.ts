/** Handlers of the export noun (shared/contract/api/export.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { exportFocus } from './focus';

export const exportHandlers = {
  'export.focus': (input, ctx) => exportFocus(ctx, input),
} satisfies Partial<ApiHandlers<EngineContext>>;
