import type { ErrorCode } from '../../shared/contract/errors';

/** A typed error thrown anywhere in the engine; dispatch() turns it into the contract's error. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
