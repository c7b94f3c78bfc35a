import type { ErrorCode } from '../../shared/contract/errors';
import type { Said } from '../../shared/i18n/said';

/**
 * A typed error thrown anywhere in the engine; dispatch() turns it into the contract's error. One said
 * to a person carries its message as a catalog id and values (`said`, see said-error.ts), so the window
 * and the CLI show it in their language.
 */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly said?: Said,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
