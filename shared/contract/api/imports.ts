/** Imports: preview, commit, cancel, history, undo. */
import { z } from 'zod';
import { method } from '../define';
import { id, upload } from '../schemas';
import type { ImportBatchInfo, ImportFormatInfo, ImportPreview, ImportResult, ImportUndoResult } from '../types';

const onErrorSchema = z.enum(['skip', 'abort']);
const importIdSchema = z.string().min(1).max(100);

/** Where an import's files come from: paths (desktop, CLI) or uploaded contents (the browser host cannot send paths). */
const importSourceSchema = {
  paths: z.array(z.string().min(1)).min(1).optional(),
  files: z.array(upload).min(1).optional(),
};
const oneSource = (v: { paths?: unknown; files?: unknown; previewId?: unknown }) =>
  [v.paths, v.files, v.previewId].filter((x) => x !== undefined).length === 1;

export const importsApi = {
  /**
   * Read files or folders, identify each by content, parse, and classify every row against the ledger
   * (new / duplicate / revised), with totals per model and currency, row issues and overlaps with earlier
   * batches. Nothing is written; the preview is kept under `previewId` for 15 minutes.
   */
  'imports.preview': method<ImportPreview>()(
    z
      .object({ ...importSourceSchema, onError: onErrorSchema.default('abort'), importId: importIdSchema.optional() })
      .strict()
      .refine(oneSource, 'give exactly one of paths or files'),
    'Preview an import: formats, counts per class, totals, row issues, overlaps.',
  ),
  /** Commit a preview (by previewId) or import paths/files directly: one transaction, one batch per file. */
  'imports.commit': method<ImportResult>()(
    z
      .object({
        previewId: z.string().min(1).optional(),
        ...importSourceSchema,
        onError: onErrorSchema.optional(),
        importId: importIdSchema.optional(),
        label: z.string().max(200).optional(),
      })
      .strict()
      .refine(oneSource, 'give exactly one of previewId, paths or files'),
    'Commit an import.',
  ),
  /** Cancel a running preview or import by the importId given to it (nothing is written). */
  'imports.cancel': method<{ cancelled: boolean }>()(z.object({ importId: importIdSchema }).strict(), 'Cancel a running import.'),
  /** Import batches, newest first. */
  'imports.list': method<ImportBatchInfo[]>()(
    z.object({ includeUndone: z.boolean().optional(), limit: z.number().int().min(1).max(10000).optional() }).strict(),
    'History of import batches.',
  ),
  /** The export formats the engine recognizes (by content), for the Imports screen's empty state and history labels. */
  'imports.formats': method<ImportFormatInfo[]>()(z.object({}).strict(), 'Export formats the importer recognizes.'),
  /** Undo a batch: its facts leave, the facts it revised get their earlier values back, token coverage is recomputed. */
  'imports.undo': method<ImportUndoResult>()(z.object({ batchId: id }).strict(), 'Undo an import batch.'),
} as const;
