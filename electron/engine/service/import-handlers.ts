/** Handlers of the imports area (shared/contract/api/imports.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from './context';
import { listImports, undoImport } from './import-history';
import { cancelImport, commitPreview, importSource, previewImport } from './import-service';
import { importersWithProfiles } from './mapping-service'; // csv-mapping (issue 3, format 10): saved profiles join identification

export const importHandlers = {
  'imports.preview': (input, ctx) =>
    previewImport(ctx, input.files ? { files: input.files } : { paths: input.paths ?? [] }, {
      onError: input.onError,
      importId: input.importId,
      importers: importersWithProfiles(ctx.db),
    }),
  'imports.commit': (input, ctx) =>
    input.previewId
      ? commitPreview(ctx, input.previewId, { onError: input.onError, label: input.label })
      : importSource(ctx, input.files ? { files: input.files } : { paths: input.paths ?? [] }, {
          onError: input.onError ?? 'abort',
          importId: input.importId,
          label: input.label,
          importers: importersWithProfiles(ctx.db),
        }),
  'imports.cancel': (input) => ({ cancelled: cancelImport(input.importId) }),
  'imports.list': (input, ctx) => listImports(ctx, input),
  'imports.undo': (input, ctx) => undoImport(ctx, input.batchId),
} satisfies Partial<ApiHandlers<EngineContext>>;
