/**
 * Loading a price source: a LiteLLM model_prices_and_context_window.json or an OpenRouter /api/v1/models
 * answer. A dry run says what changes for which models; a price 100x away from the one it replaces is
 * held until accepted by key; applying stores the entries and re-prices the ledger in one transaction.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PriceSourceInfo, SourceChange, SourceLoadResult } from '../../../shared/contract/api/prices';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { builtinBook, composeBook } from '../../../shared/domain/pricing/price-fact';
import { diffPriceSources, loadLiteLlmPrices, loadOpenRouterPrices } from '../../../shared/domain/pricing/sources';
import { utcDay } from '../../../shared/domain/time';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { transaction, type ReadableDb } from '../ledger/db';
import { priceBookFor } from './book';
import { planRecompute, scopeFor, writeRecompute } from './recompute';
import { insertSource, listSources, overridesForBook, sourceEntries } from './store';

export function readInputFile(input: { path?: string | undefined; file?: { name: string; contentBase64: string } | undefined }): { name: string; bytes: Buffer } {
  if (input.path) {
    try {
      return { name: basename(input.path), bytes: readFileSync(input.path) };
    } catch (err) {
      throw saidError('NOT_FOUND', 'engine.error.cannotReadFile', { path: input.path, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    }
  }
  return { name: input.file!.name, bytes: Buffer.from(input.file!.contentBase64, 'base64') };
}

function detectKind(json: unknown, name: string): 'litellm' | 'openrouter' {
  if (json && typeof json === 'object' && Array.isArray((json as { data?: unknown }).data)) return 'openrouter';
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const values = Object.values(json as Record<string, unknown>).slice(0, 50);
    if (values.some((v) => v && typeof v === 'object' && ('litellm_provider' in v || 'input_cost_per_token' in v))) return 'litellm';
  }
  throw saidError('UNRECOGNIZED_FILE', 'engine.error.priceFileUnknown', { file: name });
}

export const changeKey = (c: { model: string; route: string; currency: string }) => `${c.model}|${c.route}|${c.currency}`;

export function loadSource(ctx: EngineContext, input: MethodParsedInput<'prices.loadSource'>): SourceLoadResult {
  const { name, bytes } = readInputFile(input);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    // Where it breaks, never what is there: V8's message quotes the file's first bytes.
    const at = /at position (\d+)/.exec((err as Error).message);
    throw at ? saidError('UNRECOGNIZED_FILE', 'engine.error.notJsonAt', { file: name, at: Number(at[1]) + 1 }) : saidError('UNRECOGNIZED_FILE', 'engine.error.notJson', { file: name });
  }
  const kind = input.kind ?? detectKind(json, name);
  const today = utcDay(ctx.now());
  const effectiveFrom = input.effectiveFrom ?? today;
  const checkedOn = input.checkedOn ?? today;
  const opts = { checkedOn, effectiveFrom, source: `${kind === 'litellm' ? 'LiteLLM' : 'OpenRouter'} ${name} loaded ${today}` };
  const loaded = kind === 'litellm' ? loadLiteLlmPrices(json, opts) : loadOpenRouterPrices(json, opts);
  if (loaded.entries.length === 0) {
    throw saidError('UNRECOGNIZED_FILE', 'engine.error.noPlaceablePrices', { file: name, unresolved: loaded.unresolved.length });
  }
  const current = priceBookFor(ctx.db).entries.filter((e) => e.origin !== 'user');
  const diff = diffPriceSources(current, loaded.entries);
  const accept = input.acceptHeld;
  const accepted = (key: string) => accept === 'all' || (Array.isArray(accept) && accept.includes(key));
  const changes: SourceChange[] = diff.map((c) => {
    const key = changeKey(c);
    const fields: SourceChange['fields'] = {};
    for (const [k, v] of Object.entries(c.fields)) if (v) fields[k] = [v[0] ?? null, v[1] ?? null];
    return { key, model: c.model, route: c.route, currency: c.currency, kind: c.kind, fields, held: c.held, heldReason: c.heldReason ?? null, heldSaid: c.heldSaid ?? null, applies: !c.held || accepted(key) };
  });
  const applying = diff.filter((c, i) => changes[i]!.applies).map((c) => c.proposed);
  const book = composeBook(builtinBook(), [...sourceEntries(ctx.db), ...applying], overridesForBook(ctx.db));
  const plan = planRecompute(ctx.db, book, scopeFor(applying.map((e) => e.model)));
  const held = changes.filter((c) => c.held);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result: SourceLoadResult = {
    kind,
    file: name,
    sha256,
    effectiveFrom,
    applied: false,
    sourceId: null,
    added: changes.filter((c) => c.kind === 'added' && c.applies).length,
    changed: changes.filter((c) => c.kind === 'changed' && c.applies).length,
    held: held.length,
    heldAccepted: held.filter((c) => c.applies).length,
    unresolved: loaded.unresolved,
    changes,
    recompute: plan.preview,
  };
  if (input.dryRun || applying.length === 0) return result;
  const sourceId = transaction(ctx.db, () => {
    const id = insertSource(
      ctx.db,
      { kind, fileName: name, sha256, checkedOn, effectiveFrom, loadedAt: ctx.now(), heldAccepted: result.heldAccepted, heldSkipped: held.length - result.heldAccepted },
      applying,
    );
    writeRecompute(ctx.db, plan);
    return id;
  });
  return { ...result, applied: true, sourceId };
}

export function sourcesInfo(db: ReadableDb): PriceSourceInfo[] {
  return listSources(db).map((s) => ({
    id: s.id,
    kind: s.kind,
    file: s.fileName,
    sha256: s.sha256,
    effectiveFrom: s.effectiveFrom,
    checkedOn: s.checkedOn,
    loadedAt: new Date(s.loadedAt).toISOString(),
    entries: s.entries,
    heldAccepted: s.heldAccepted,
    heldSkipped: s.heldSkipped,
    status: s.status,
  }));
}
