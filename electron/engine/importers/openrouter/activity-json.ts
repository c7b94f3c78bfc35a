/** OpenRouter GET /api/v1/activity (per UTC day x model x endpoint). */
import { DAY_MS, FieldError, fact, identity, matchJsonKeys, parseIsoInstant, tokens } from '../kit/common';
import { asArray, asObject, eachObject, jp, optInt, optMoney, optString, parseJsonPages, reqInt, reqString } from '../kit/json';
import type { Importer } from '../types';

const SIGNATURE = ['data', 'date', 'model_permaslug', 'endpoint_id', 'prompt_tokens', 'completion_tokens', 'usage'] as const;

export const openrouterActivityJson: Importer = {
  id: 'openrouter-activity-json',
  label: 'OpenRouter activity API (JSON)',
  provider: 'openrouter',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchJsonKeys(head, SIGNATURE),
  parse: (source, ctx) =>
    parseJsonPages(source, ctx.signal, (page, root, line) => {
      const data = asArray(asObject(page, root || '$').data, jp(root, 'data'));
      return eachObject(data, jp(root, 'data'), line, (r, path) => {
        const date = reqString(r, 'date', path);
        const start = parseIsoInstant(date);
        if (start === null || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new FieldError(jp(path, 'date'), 'engine.row.notDateQuoted', { field: jp(path, 'date'), value: date });
        const model = optString(r, 'model_permaslug', path) ?? reqString(r, 'model', path);
        const host = optString(r, 'provider_name', path);
        const cost = optMoney(r, 'usage', path);
        // Bring-your-own-key usage: the upstream provider bills the tokens, OpenRouter its fee (`usage`).
        const byok = optMoney(r, 'byok_usage_inference', path);
        return {
          kind: 'fact',
          line: 0,
          fact: fact({
            identity: identity('or-day', date, model, optString(r, 'endpoint_id', path), host),
            start,
            end: start + DAY_MS,
            granularity: 'day',
            provider: 'openrouter',
            lineType: 'usage',
            modelRaw: model,
            host,
            tags: byok !== null && byok > 0n ? { byok: 'true' } : null,
            // prompt_tokens include cached tokens, and the API has no cached split: all count as input.
            tokens: tokens({
              input: reqInt(r, 'prompt_tokens', path),
              output: reqInt(r, 'completion_tokens', path),
              reasoning: optInt(r, 'reasoning_tokens', path) ?? 0,
            }),
            requests: optInt(r, 'requests', path) ?? 0,
            billed: cost === null ? null : { nano: cost, currency: 'USD' },
          }),
        };
      });
    }),
};
