/**
 * The CLI's own error, apart from errors.ts so that light paths (the status line's quick entry) can raise
 * it without loading the CLI's catalogs: it imports only types of them.
 */
import { ApiError, type ErrorCode } from '../../shared/contract/errors';
import type { MessageId, MessageValues } from './i18n';

/**
 * An error of the CLI's own, said through the catalogs: its text is made when it is printed (in the
 * user's language; English under --json), so raising it loads no catalog.
 */
export class CliError extends ApiError {
  constructor(
    readonly id: MessageId,
    readonly values: MessageValues = {},
    code: ErrorCode = 'VALIDATION',
  ) {
    super(code, id);
    this.name = 'CliError';
  }
}
