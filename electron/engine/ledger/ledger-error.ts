/**
 * An error of the ledger file said to a person (the file cannot be opened, is too new, is not a backup):
 * a message id of the engine catalog with its values, its English text from the English catalog, as
 * ../said-error.ts makes them for the features (the ledger imports nothing of the engine but its errors).
 */
import type { ErrorCode } from '../../../shared/contract/errors';
import { english } from '../../../shared/i18n/english';
import { said, type EngineMessageId, type SaidValue } from '../../../shared/i18n/said';
import { EngineError } from '../errors';

export function ledgerError(code: ErrorCode, id: EngineMessageId, values?: Record<string, SaidValue>, details?: unknown): EngineError {
  const s = said(id, values);
  return new EngineError(code, english(s), details, s);
}
