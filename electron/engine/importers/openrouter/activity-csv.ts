/**
 * OpenRouter Activity page export (one row per generation). A `free` variant is OpenRouter's `<model>:free`
 * (billed $0); a bring-your-own-key row (byok_usage_inference > 0) bills OpenRouter's fee only; a web search
 * (cost_web_search) is its own fee line of the generation, so the row's cost is what its tokens cost.
 */
import { FieldError, fact, identity, matchColumns, tokens } from '../kit/common';
import { intCell, moneyCell, parseCsv, requiredInt, requiredText, textCell, dateCell } from '../kit/csv';
import type { Importer } from '../types';

const SIGNATURE = ['generation_id', 'created_at', 'cost_total', 'tokens_prompt', 'tokens_completion', 'tokens_cached', 'model_permaslug'] as const;

export const openrouterActivityCsv: Importer = {
  id: 'openrouter-activity-csv',
  label: 'OpenRouter activity CSV',
  provider: 'openrouter',
  signature: SIGNATURE,
  grain: 'request',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const id = requiredText(row, 'generation_id');
      const start = dateCell(row, 'created_at');
      const prompt = requiredInt(row, 'tokens_prompt');
      const cached = intCell(row, 'tokens_cached', { optional: true }) ?? 0;
      if (cached > prompt) throw new FieldError('tokens_cached', 'engine.row.largerThan', { field: 'tokens_cached', value: cached, other: 'tokens_prompt', limit: prompt });
      const completion = requiredInt(row, 'tokens_completion');
      const reasoning = intCell(row, 'tokens_reasoning', { optional: true }) ?? 0;
      const cost = moneyCell(row, 'cost_total');
      const byok = textCell(row, 'byok_usage_inference');
      const variant = textCell(row, 'variant');
      const tags: Record<string, string> = {};
      if (variant) tags.variant = variant;
      if (byok && !/^0*\.?0*$/.test(byok)) {
        tags.byok = 'true';
        tags.byok_usage_inference = byok;
      }
      if (textCell(row, 'cancelled') === 'true') tags.cancelled = 'true';
      const slug = textCell(row, 'model_permaslug');
      const webSearch = moneyCell(row, 'cost_web_search', { optional: true }) ?? 0n;
      if (webSearch < 0n) throw new FieldError('cost_web_search', 'engine.row.negative', { field: 'cost_web_search' });
      const usage = fact({
          identity: identity('or-gen', id),
          start,
          end: start + 1,
          granularity: 'request',
          provider: 'openrouter',
          lineType: 'usage',
          apiKey: textCell(row, 'api_key_name'),
          member: textCell(row, 'user'),
          project: textCell(row, 'app_name'),
          modelRaw: slug && variant?.toLowerCase() === 'free' && !slug.endsWith(':free') ? `${slug}:free` : slug,
          host: textCell(row, 'provider_name'),
          tags: Object.keys(tags).length ? tags : null,
          tokens: tokens({ input: prompt - cached, cache_read: cached, output: completion, reasoning }),
          requests: 1,
          billed: cost === null ? null : { nano: cost - webSearch, currency: 'USD' },
        });
      if (webSearch === 0n || cost === null) return { kind: 'fact', line: row.line, fact: usage };
      const search = fact({
        ...usage,
        identity: identity('or-gen', id, 'web_search'),
        lineType: 'fee',
        tags: { ...tags, fee: 'web search (cost_web_search)' },
        tokens: tokens({}),
        requests: 0,
        billed: { nano: webSearch, currency: 'USD' },
      });
      return [
        { kind: 'fact', line: row.line, fact: usage },
        { kind: 'fact', line: row.line, fact: search },
      ];
    }),
};
