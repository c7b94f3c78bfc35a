/**
 * An engine error said to a person: its message is an id of the engine catalog with typed values, its
 * English text (the contract's `message`, and `--json`) rendered from the English catalog. Kept apart from
 * errors.ts so the light paths that throw EngineError (the status line) load no formatter.
 */
import type { ErrorCode } from '../../shared/contract/errors';
import { english } from '../../shared/i18n/english';
import { said, type EngineMessageId, type SaidValue } from '../../shared/i18n/said';
import { EngineError } from './errors';

export function saidError(code: ErrorCode, id: EngineMessageId, values?: Record<string, SaidValue>, details?: unknown): EngineError {
  const s = said(id, values);
  return new EngineError(code, english(s), details, s);
}
