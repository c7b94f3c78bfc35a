/**
 * The contract's errors. The engine throws typed errors; `dispatch()` is the one place that maps
 * anything thrown to an ApiErrorShape; each host maps that to its medium (IPC result, HTTP status,
 * CLI exit code) with the tables below.
 */
import type { Said } from '../i18n/said';

export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'UNRECOGNIZED_FILE',
  'AMBIGUOUS_FILE',
  'BAD_ROWS',
  'CANCELLED',
  'DB_TOO_NEW',
  'DB_UNAVAILABLE',
  'BUSY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  /** In English. */
  message: string;
  /** The message as an id of the engine catalog and typed values, where the engine says it so. */
  said?: Said;
  /** Structured detail: zod issues with their paths, the closest format, row errors... */
  details?: unknown;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

let sayer: ((s: Said) => string) | null = null;

/**
 * How the window says an engine error in its language (it registers its locale's formatter): an ApiError
 * whose engine message is a catalog id reads as `message` in that language wherever it is shown. Without
 * one (the CLI, tests), `message` stays the English text.
 */
export function setErrorSayer(fn: ((s: Said) => string) | null): void {
  sayer = fn;
}

/** Thrown by clients (renderer, tests) when a call answers `{ ok: false }`. */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly said?: Said,
  ) {
    super(message);
    this.name = 'ApiError';
    if (said) Object.defineProperty(this, 'message', { get: () => (sayer ? sayer(said) : message), configurable: true });
  }
}

export function isApiErrorShape(v: unknown): v is ApiErrorShape {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ApiErrorShape).message === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as ApiErrorShape).code)
  );
}

/** HTTP status per error code (browser host). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNRECOGNIZED_FILE: 422,
  AMBIGUOUS_FILE: 422,
  BAD_ROWS: 422,
  CANCELLED: 409,
  DB_TOO_NEW: 503,
  DB_UNAVAILABLE: 503,
  BUSY: 503,
  INTERNAL: 500,
};

/**
 * CLI exit code per error code. 1 and 2 are reserved for `budgets check` (over / projected over),
 * so errors start at 3: usage and input errors 3-5, data errors 6-8, environment 9-11 (11: busy, retry), bugs 70.
 */
export const EXIT_CODES: Record<ErrorCode, number> = {
  VALIDATION: 3,
  UNKNOWN_METHOD: 4,
  NOT_FOUND: 5,
  CONFLICT: 6,
  UNRECOGNIZED_FILE: 7,
  AMBIGUOUS_FILE: 7,
  BAD_ROWS: 8,
  CANCELLED: 8,
  DB_TOO_NEW: 9,
  DB_UNAVAILABLE: 10,
  /** Another writer holds the ledger: retry when it has finished. */
  BUSY: 11,
  INTERNAL: 70,
};
