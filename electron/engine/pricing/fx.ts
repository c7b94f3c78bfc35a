/** FX rates as the user manages them: the table (built-in points + the user's), set, unset, a CSV of rates. */
import type { FxImportResult, FxRateRow } from '../../../shared/contract/api/fx';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { FxCsvHeaderError, fxRateProblems, parseFxCsv } from '../../../shared/domain/fx';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { transaction, type ReadableDb } from '../ledger/db';
import { deleteFxRate, loadFxTable, upsertFxRates } from './fx-store';
import { readInputFile } from './sources';

export function fxRows(db: ReadableDb, currency?: string): FxRateRow[] {
  return loadFxTable(db)
    .filter((r) => !currency || r.currency === currency)
    .map((r) => ({ currency: r.currency, date: r.date, perUsd: r.perUsd, source: r.source, origin: r.origin }))
    .sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
}

export function importFxCsv(ctx: EngineContext, input: MethodParsedInput<'fx.importCsv'>): FxImportResult {
  const { bytes } = readInputFile(input);
  let parsed;
  try {
    parsed = parseFxCsv(bytes.toString('utf8'));
  } catch (err) {
    if (err instanceof FxCsvHeaderError) throw saidError('VALIDATION', 'engine.error.fxCsvHeader');
    throw err;
  }
  const rates = parsed.rates.map((r) => ({ currency: r.currency, date: r.date, perUsd: r.perUsd, source: r.source, origin: 'user' as const }));
  const applied = !input.dryRun && rates.length > 0;
  if (applied) transaction(ctx.db, () => upsertFxRates(ctx.db, parsed.rates, ctx.now()));
  return { applied, rates, skipped: parsed.skipped };
}

export function setFx(ctx: EngineContext, input: MethodParsedInput<'fx.set'>): FxRateRow[] {
  // A rate of 0 would divide by zero in convert(), and USD is the base every rate is against.
  const problems = fxRateProblems(input, 'rate');
  if (problems.length) throw saidError('VALIDATION', 'engine.error.fxCannotSet', { problems: { list: problems } });
  const rate = { currency: input.currency, date: input.date, perUsd: input.perUsd, source: input.source, origin: 'user' as const };
  transaction(ctx.db, () => upsertFxRates(ctx.db, [rate], ctx.now()));
  return fxRows(ctx.db, input.currency);
}

export function unsetFx(ctx: EngineContext, input: MethodParsedInput<'fx.unset'>): FxRateRow[] {
  if (!transaction(ctx.db, () => deleteFxRate(ctx.db, input.currency, input.date))) {
    throw saidError('NOT_FOUND', 'engine.error.noUserFx', { currency: input.currency, date: input.date });
  }
  return fxRows(ctx.db, input.currency);
}
