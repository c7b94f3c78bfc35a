/** Handlers of the imports and demo nouns (shared/contract/api/imports.ts, demo.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { mutates } from '../hooks';
import { demoStatus, loadDemo, removeDemo } from './demo';
import { listImports, undoImport } from './history';
import { importersWithProfiles } from './mappings/service';
import { labelSaidAs } from './mappings/profile-importer';
import { cancelImport, commitPreview, importSource, previewImport } from './service';

export const importHandlers = {
  'imports.preview': (input, ctx) =>
    previewImport(ctx, input.files ? { files: input.files } : { paths: input.paths ?? [] }, {
      onError: input.onError,
      importId: input.importId,
      // Saved column mapping profiles take part in identification (only where no built-in format claims a file).
      importers: importersWithProfiles(ctx.db),
    }),
  'imports.commit': mutates('import', (input, ctx) =>
    input.previewId
      ? commitPreview(ctx, input.previewId, { onError: input.onError, label: input.label })
      : importSource(ctx, input.files ? { files: input.files } : { paths: input.paths ?? [] }, {
          onError: input.onError ?? 'abort',
          importId: input.importId,
          label: input.label,
          importers: importersWithProfiles(ctx.db),
        }),
  ),
  'imports.cancel': (input) => ({ cancelled: cancelImport(input.importId) }),
  'imports.list': (input, ctx) => listImports(ctx.db, input),
  'imports.formats': (_input, ctx) => importersWithProfiles(ctx.db).map((i) => ({ id: i.id, label: i.label, ...labelSaidAs('labelSaid', i), provider: i.provider })),
  'imports.undo': mutates('undo', (input, ctx) => undoImport(ctx, input.batchId)),
  'demo.load': mutates('demo', (_input, ctx) => loadDemo(ctx)),
  'demo.status': (_input, ctx) => demoStatus(ctx),
  'demo.remove': mutates('demo', (_input, ctx) => removeDemo(ctx)),
} satisfies Partial<ApiHandlers<EngineContext>>;
