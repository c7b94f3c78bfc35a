/**
 * The tip rules' cells of a period: per-day rows (from the tips rollup, or the raw facts' GROUP BY, the
 * reference it is tested against) folded into one cell per dimensions tuple, with the evidence fact ids
 * read from usage_facts only for the cells that need them.
 */
import { emptyTokens, type Region, type ServiceTier } from '../../../shared/domain/fact';
import { preferredCurrency, priceRouteOf } from '../../../shared/domain/pricing/price-fact';
import type { PeriodInfo, TipCell } from '../../../shared/domain/tips';
import { monthDays } from '../../../shared/domain/time';
import type { ReadableDb } from '../ledger/db';
import { cellDays, cellDimsKey, cellHours, factIdsOfCells, tipCellDays, type CellDay, type CellDayRow, type CellDims } from './store';

/** Where the cells come from: the tips rollup (default), or the naive GROUP BY over the raw facts. */
export type TipSource = 'rollup' | 'raw';

/** How many evidence fact ids a cell carries (the engine shows at most this many per tip). */
export const CELL_FACT_IDS = 200;

/** A period's first and last UTC day. */
export const periodDays = (p: PeriodInfo) => monthDays(p.id);

/** The price-book route of a cell: the catalog's route, with Azure's Data Zone told from the export's geo. */
function routeOf(r: Pick<CellDayRow, 'model_raw' | 'provider' | 'host' | 'inference_geo'>): string {
  const route = priceRouteOf(r.model_raw, r.provider, r.host, r.inference_geo);
  if (route === 'azure-global' && r.inference_geo?.startsWith('data-zone')) return 'azure-datazone';
  return route;
}

const cellKeyOf = (x: Pick<CellDayRow, keyof CellDims>): string =>
  [x.provider, x.model ?? x.model_raw, x.model_raw, x.host, x.inference_geo, x.service_tier, x.context_tier, x.project, x.api_key, x.member, x.billed_currency]
    .map((v) => v ?? '')
    .join('|');

/** A raw-path row as the rollup path reads its rows. */
function fromRaw(r: CellDayRow): CellDay {
  return {
    provider: r.provider,
    model: r.model,
    model_raw: r.model_raw,
    host: r.host,
    inference_geo: r.inference_geo,
    service_tier: r.service_tier,
    context_tier: r.context_tier,
    project: r.project,
    api_key: r.api_key,
    member: r.member,
    billed_currency: r.billed_currency,
    dimsKey: cellDimsKey(r),
    vendor: r.vendor,
    origin_region: r.origin_region,
    day: r.day,
    start: Number(r.start_ms),
    end: Number(r.end_ms),
    input: Number(r.input),
    cache_read: Number(r.cache_read),
    cache_write_5m: Number(r.cache_write_5m),
    cache_write_1h: Number(r.cache_write_1h),
    output: Number(r.output),
    reasoning: Number(r.reasoning),
    requests: Number(r.requests),
    billedNano: r.billed_nano,
    unbilled: Number(r.unbilled),
    timed: r.timed === 1n,
    facts: Number(r.facts),
    hours: null,
    ids: r.ids,
  };
}

/** Fold per-day rows (ordered by day, then dimensions) into cells, exactly as both sources give them. */
function foldCells(rows: readonly CellDay[]): { cells: Map<string, TipCell>; dimsOf: Map<string, Set<string>> } {
  const cells = new Map<string, TipCell>();
  const dimsOf = new Map<string, Set<string>>(); // cell key -> the SQL dimension tuples folded into it
  for (const r of rows) {
    const k = cellKeyOf(r);
    let c = cells.get(k);
    if (!c) {
      const currency = preferredCurrency(r.provider, r.billed_currency) ?? null;
      c = {
        key: [r.provider, r.model ?? r.model_raw, routeOf(r), r.service_tier, r.project, r.api_key, r.member, r.host, r.inference_geo, r.model_raw, r.context_tier, r.billed_currency]
          .map((v) => v ?? '')
          .join('|'),
        provider: r.provider,
        model: r.model,
        modelRaw: r.model_raw,
        vendor: r.vendor,
        originRegion: (r.origin_region as Region | null) ?? null,
        host: r.host,
        inferenceGeo: r.inference_geo,
        route: routeOf(r),
        serviceTier: r.service_tier as ServiceTier,
        contextTier: r.context_tier,
        project: r.project,
        apiKey: r.api_key,
        member: r.member,
        currency,
        tokens: emptyTokens(),
        requests: 0,
        billedNano: 0n,
        factIds: [],
        factCount: 0,
        slices: [],
        hourTokens: Array.from({ length: 24 }, () => 0),
      };
      cells.set(k, c);
      dimsOf.set(k, new Set());
    }
    dimsOf.get(k)!.add(r.dimsKey);
    const tokens = { input: r.input, cache_read: r.cache_read, cache_write_5m: r.cache_write_5m, cache_write_1h: r.cache_write_1h, output: r.output, reasoning: r.reasoning };
    const t = c.tokens;
    t.input += r.input;
    t.cache_read += r.cache_read;
    t.cache_write_5m += r.cache_write_5m;
    t.cache_write_1h += r.cache_write_1h;
    t.output += r.output;
    t.reasoning += r.reasoning;
    c.requests += r.requests;
    c.billedNano = c.billedNano === null || r.unbilled > 0 || r.billedNano === null ? null : c.billedNano + r.billedNano;
    c.factCount += r.facts;
    if (r.ids !== null) for (const id of r.ids.split(',')) if (c.factIds.length < CELL_FACT_IDS) c.factIds.push(Number(id));
    if (r.hours) for (let h = 0; h < 24; h++) c.hourTokens[h]! += r.hours[h]!;
    c.slices.push({ day: r.day, start: r.start, end: r.end, tokens, requests: r.requests, timed: r.timed });
  }
  return { cells, dimsOf };
}

/**
 * The period's cells. From the rollup: one indexed read of rollup_tip_cells, then the evidence ids (the
 * first CELL_FACT_IDS of each cell by day and id) read from usage_facts only on the days that hold them,
 * and only when `withIds` (the previous period's cells are never evidence). From 'raw': the GROUP BY
 * over the facts (the reference the rollup path is tested and benchmarked against).
 */
export function buildCells(db: ReadableDb, p: PeriodInfo, opts: { source?: TipSource; withIds?: boolean } = {}): TipCell[] {
  if (opts.source === 'raw') {
    const { from, to } = periodDays(p);
    const { cells } = foldCells(cellDays(db, from, to).map(fromRaw));
    for (const h of cellHours(db, from, to)) {
      const c = cells.get(cellKeyOf(h));
      if (c) c.hourTokens[Number(h.hour)] = Number(h.tokens);
    }
    if (opts.withIds === false) for (const c of cells.values()) c.factIds = [];
    return [...cells.values()];
  }
  const { cells, fillIds } = rollupCells(db, p);
  if (opts.withIds !== false) fillIds(new Map(cells.map((c, i) => [i, Math.min(CELL_FACT_IDS, c.factCount)])));
  return cells;
}

/**
 * The period's cells from the rollup, without ids, and `fillIds(need)`, which gives cell i (by index)
 * its first need.get(i) fact ids in (UTC day, id) order: read from usage_facts only for those cells,
 * on the days that hold them (known from the rollup's per-day fact counts).
 */
export function rollupCells(db: ReadableDb, p: PeriodInfo): { cells: TipCell[]; fillIds(need: Map<number, number>): void } {
  const { from, to } = periodDays(p);
  const rows = tipCellDays(db, from, to);
  const folded = foldCells(rows);
  const keys = [...folded.cells.keys()];
  const cells = [...folded.cells.values()];
  return {
    cells,
    fillIds(need) {
      // A cell folds one or more SQL dimension tuples (NULL and '' name the same cell): each tuple gives
      // up to the cell's need, in day order; the cell keeps the first of their union.
      const tupleNeed = new Map<string, number>();
      for (const [i, n] of need) for (const dk of folded.dimsOf.get(keys[i]!)!) tupleNeed.set(dk, n);
      const wanted = new Map<string, { provider: string; want: number }>();
      const days = new Map<string, Set<string>>();
      const seen = new Map<string, number>();
      for (const r of rows) {
        const n = tupleNeed.get(r.dimsKey);
        if (n === undefined) continue;
        const got = seen.get(r.dimsKey) ?? 0;
        if (got >= n) continue;
        seen.set(r.dimsKey, got + r.facts);
        wanted.set(r.dimsKey, { provider: r.provider, want: Math.min(n, got + r.facts) });
        let d = days.get(r.provider);
        if (!d) days.set(r.provider, (d = new Set()));
        d.add(r.day);
      }
      const ids = factIdsOfCells(db, days, wanted);
      for (const [i, n] of need) {
        const tuples = [...folded.dimsOf.get(keys[i]!)!];
        // In the raw pass's order: by day, then by the dimensions (as SQLite orders them: NULL first,
        // which the key's \u0000 for NULL keeps), then by id.
        const list =
          tuples.length === 1
            ? (ids.get(tuples[0]!) ?? [])
            : tuples
                .flatMap((dk) => (ids.get(dk) ?? []).map((x) => ({ ...x, dk })))
                .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.dk < b.dk ? -1 : a.dk > b.dk ? 1 : a.id - b.id));
        cells[i]!.factIds = list.slice(0, n).map((x) => x.id);
      }
    },
  };
}
