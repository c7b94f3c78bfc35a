/**
 * The engine's single entry: check the method name and its input against the contract BEFORE any
 * handler runs, call the handler, and turn anything thrown into the contract's error shape.
 * This is the ONLY place engine errors become contract errors.
 */
import { english } from '../../shared/i18n/english';
import { said } from '../../shared/i18n/said';
import { z } from 'zod';
import type { MethodName } from '../../shared/contract/methods';
import { methodSpec } from '../../shared/contract/method-specs';
import { inputIssues, invalidInputSaid } from '../../shared/contract/invalid-input';
import type { ApiResult, ApiErrorShape } from '../../shared/contract/errors';
import { EngineError } from './errors';
import type { EngineContext } from './context';
import { handlerFor } from './handlers';
import { isWriter } from './handler-kinds';

function readOnlyError(ctx: EngineContext): EngineError {
  const s = said('engine.error.ledger.readOnlyAt', { path: ctx.dbPath });
  return new EngineError('DB_UNAVAILABLE', english(s), { path: ctx.dbPath }, s);
}

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

function validationError(method: string, error: z.ZodError, input: unknown): ApiErrorShape {
  const issues = inputIssues(error, input);
  return {
    code: 'VALIDATION',
    message: `Invalid input for ${method}: ` + issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    details: { issues },
    said: invalidInputSaid(method, issues),
  };
}

export function toErrorShape(err: unknown): ApiErrorShape {
  if (err instanceof EngineError) {
    return { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }), ...(err.said ? { said: err.said } : {}) };
  }
  if (err instanceof z.ZodError) return validationError('a nested call', err, undefined);
  // SQLite's busy timeout ran out: another import or app holds the ledger's write lock. Retryable.
  if (typeof (err as { code?: unknown } | null)?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY')) {
    const s = said('engine.error.busy');
    return { code: 'BUSY', message: english(s), said: s };
  }
  if (typeof (err as { code?: unknown } | null)?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_READONLY')) {
    const s = said('engine.error.ledger.readOnly');
    return { code: 'DB_UNAVAILABLE', message: english(s), said: s };
  }
  const s = said('engine.error.internal', { message: err instanceof Error ? err.message : String(err) });
  return { code: 'INTERNAL', message: english(s), said: s };
}

export function createDispatch(ctx: EngineContext): Dispatch {
  return async (method, input) => {
    // Only the called noun's schemas are built (method-specs.ts); the whole contract only to list its methods.
    const spec = typeof method === 'string' ? await methodSpec(method) : undefined;
    if (!spec) {
      const { METHOD_NAMES } = await import('../../shared/contract/methods');
      const s = said('engine.error.unknownMethod', { method: String(method), known: METHOD_NAMES.join(', ') });
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: english(s), said: s } };
    }
    const parsed = spec.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) return { ok: false, error: validationError(method, parsed.error, input === undefined ? {} : input) };
    try {
      const handler = await handlerFor(method as MethodName);
      if (ctx.readOnly && isWriter(handler)) throw readOnlyError(ctx);
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  };
}
