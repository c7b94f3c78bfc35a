/** The facts behind a view or a cell, oldest first, a page at a time. */
import type { ReportFact, ReportFacts } from '../../../shared/contract/api/report';
import { formatAmount } from '../../../shared/domain/money';
import type { EngineContext } from '../context';
import { expandFilters } from '../names/store';
import { viewOptions } from './views';
import { listFacts, type Filters } from './query-store';

export function factsReport(
  ctx: EngineContext,
  input: { from?: string | undefined; to?: string | undefined; filters?: Filters | undefined; timeZone?: string | undefined; offset: number; limit: number },
): ReportFacts {
  const o = viewOptions(ctx, input);
  const page = listFacts(ctx.db, { from: input.from, to: input.to, filters: expandFilters(ctx.db, input.filters), timeZone: o.timeZone, offset: input.offset, limit: input.limit });
  const rows: ReportFact[] = page.rows.map((r) => ({
    id: r.id,
    start: new Date(r.start_ms).toISOString(),
    day: r.day,
    granularity: r.granularity,
    provider: r.provider,
    model: r.model,
    modelRaw: r.model_raw,
    vendor: r.vendor,
    originRegion: r.origin_region,
    project: r.project,
    apiKey: r.api_key,
    member: r.member,
    serviceTier: r.service_tier,
    lineType: r.line_type,
    tokens: { input: r.input, cache_read: r.cache_read, cache_write_5m: r.cache_write_5m, cache_write_1h: r.cache_write_1h, output: r.output, reasoning: r.reasoning },
    requests: r.requests,
    countsTokens: r.counts_tokens === 1,
    billed: r.billed_nano === null ? null : formatAmount(r.billed_nano),
    billedCurrency: r.billed_currency,
    estimated: r.estimated_nano === null ? null : formatAmount(r.estimated_nano),
    estimatedCurrency: r.estimated_currency,
    recorded: r.recorded_nano === null ? null : formatAmount(r.recorded_nano),
    recordedCurrency: r.recorded_currency,
    priceStatus: r.price_status,
    format: r.format,
    batchId: r.batch_id,
  }));
  return { total: page.total, offset: input.offset, rows };
}
