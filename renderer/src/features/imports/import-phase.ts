/** Where an import stands on the Imports screen, from reading the files to committed, refused or failed. */
import { ApiError } from '../../../../shared/contract/errors';
import type { ImportPreview, ImportResult } from '../../../../shared/contract/types';
import type { Said } from '../../../../shared/i18n/said';
import type { DroppedImport } from './import-inbox';

export type Source = { paths: string[] } | { files: { name: string; contentBase64: string }[] };

export interface Refusal {
  file: string;
  /** In English; `said` is the same as an engine message, shown in the window's language. */
  message: string;
  said?: Said;
}

export type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; names: string[] }
  | { kind: 'running'; importId: string; names: string[]; cancelling: boolean }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'committing'; preview: ImportPreview }
  | { kind: 'committed'; result: ImportResult }
  | { kind: 'refused'; message: string; refused: Refusal[]; dropped?: DroppedImport }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export function newImportId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function refusals(details: unknown): Refusal[] {
  const list = (details as { refused?: unknown } | undefined)?.refused;
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is Refusal => typeof r === 'object' && r !== null && typeof (r as Refusal).message === 'string');
}

export function phaseOfError(e: unknown, dropped?: DroppedImport): Phase {
  if (e instanceof ApiError) {
    if (e.code === 'CANCELLED') return { kind: 'cancelled' };
    if (e.code === 'UNRECOGNIZED_FILE' || e.code === 'AMBIGUOUS_FILE') return { kind: 'refused', message: e.message, refused: refusals(e.details), ...(dropped ? { dropped } : {}) };
  }
  return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
}
