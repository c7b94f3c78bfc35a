/**
 * Rule 5, deployment: the same model on a cheaper route of the same cloud. Bedrock geo profile
 * (us./eu./jp. prefixes) vs the global profile; Azure Data Zone vs Global; OpenRouter's hosts for the
 * same model (their price index: what each host billed over what the book prices the same tokens at).
 */
import { priceAt } from '../../pricing/price-book';
import { formatAmount } from '../../money';
import { divRound } from '../../decimal';
import { costOfParts, partsOf } from '../cost';
import type { Candidate, TipRule } from '../types';
import { cellAggregate, entryOf, groupBy } from './util';
import { said } from '../../../i18n/said';
import { english } from '../../../i18n/english';

const CHEAPER_ROUTE: Record<string, { to: string; what: string }> = {
  'bedrock-geo': { to: 'bedrock-global', what: 'the Bedrock global cross-region profile instead of a geographic one' },
  'azure-datazone': { to: 'azure-global', what: 'an Azure Global deployment instead of a Data Zone one' },
};

/** Host price index kept at 6 decimals (rationals below are exact, this is only for the text). */
const INDEX_SCALE = 1_000_000n;

export const deploymentRule: TipRule = {
  id: 'deployment',
  title: 'Deployment',
  detect(input) {
    const out: Candidate[] = [];
    // Cloud routes.
    const groups = groupBy(input.cells, (c) => (c.model && CHEAPER_ROUTE[c.route] ? `${c.provider}|${c.model}|${c.route}` : null));
    for (const [gk, cells] of groups) {
      const first = cells[0]!;
      const alt = CHEAPER_ROUTE[first.route]!;
      const now = entryOf(input, first);
      const to = priceAt(input.book, first.model!, first.slices[0]!.start, alt.to, 'standard', first.currency ? { currency: first.currency } : {});
      if (!now || !to) continue;
      out.push({
        id: `deployment:${gk}`,
        rule: 'deployment',
        title: said('engine.tips.deployment.title', { target: alt.to === 'bedrock-global' ? 'bedrock' : 'azure', model: first.model! }),
        summary: said('engine.tips.deployment.summary', {
          model: first.model!,
          route: first.route,
          geo: first.inferenceGeo ?? 'geo',
          target: alt.to === 'bedrock-global' ? 'bedrock' : 'azure',
          to: to.prices.input ?? '?',
          from: now.prices.input ?? '?',
          currency: now.currency,
        }),
        cellKeys: cells.map((c) => c.key),
        transform: (_c, parts) => parts.map((p) => ({ ...p, route: alt.to })),
        aggregates: cells.map(cellAggregate),
        arithmetic: [
          said('engine.tips.deployment.formula', {
            route: String(first.route),
            input: String(now.prices.input),
            output: String(now.prices.output),
            to: String(alt.to),
            toInput: String(to.prices.input),
            toOutput: String(to.prices.output),
          }),
        ],
        assumptions: [said('engine.tips.deployment.assumeResidency'), said('engine.tips.deployment.assumeSame')],
      });
    }
    // OpenRouter host spread: billed / book estimate per host, for the same model.
    const or = groupBy(input.cells, (c) => (c.provider === 'openrouter' && c.model && c.billedNano !== null && c.host ? c.model : null));
    for (const [model, cells] of or) {
      const byHost = groupBy(cells, (c) => c.host);
      if (byHost.size < 2) continue;
      const idx: { host: string; billed: bigint; book: bigint; currency: string; keys: string[] }[] = [];
      for (const [host, hc] of byHost) {
        let billed = 0n;
        let book = 0n;
        let currency: string | null = null;
        let ok = true;
        for (const c of hc) {
          const cost = costOfParts(
            partsOf(c).map((p) => ({ ...p, route: 'openrouter' })),
            input.book,
            c.currency,
          );
          if (!cost || (currency && cost.currency !== currency) || c.currency !== cost.currency) {
            ok = false;
            break;
          }
          currency = cost.currency;
          billed += c.billedNano!;
          book += cost.nano;
        }
        if (ok && book > 0n && currency) idx.push({ host, billed, book, currency, keys: hc.map((c) => c.key) });
      }
      if (idx.length < 2) continue;
      // cheapest host: min billed/book, compared exactly by cross-multiplying.
      const best = idx.reduce((a, b) => (b.billed * a.book < a.billed * b.book ? b : a));
      const dearer = idx.filter((h) => h.billed * best.book > best.billed * h.book);
      if (dearer.length === 0) continue;
      const factorOf = new Map<string, readonly [bigint, bigint]>();
      for (const h of dearer) for (const k of h.keys) factorOf.set(k, [best.billed * h.book, best.book * h.billed] as const);
      const index = (h: { billed: bigint; book: bigint }) => formatAmount(divRound(h.billed * INDEX_SCALE * 1000n, h.book)).replace(/0+$/, '');
      out.push({
        id: `deployment:openrouter|${model}`,
        rule: 'deployment',
        title: said('engine.tips.openrouter.title', { model, host: best.host }),
        summary: said('engine.tips.openrouter.summary', { model, hosts: idx.length, host: best.host }),
        cellKeys: dearer.flatMap((h) => h.keys),
        transform: (c, parts) => {
          const f = factorOf.get(c.key);
          return f ? parts.map((p) => ({ ...p, factor: f })) : null;
        },
        aggregates: idx.map((h) => ({
          key: `openrouter-host:${model}|${h.host}`,
          label: english(said('engine.tips.agg.host', { model, host: h.host })),
          said: said('engine.tips.agg.host', { model, host: h.host }),
          values: { billed: `${formatAmount(h.billed)} ${h.currency}`, 'book estimate': `${formatAmount(h.book)} ${h.currency}`, 'price index': index(h) },
        })),
        arithmetic: [
          said('engine.tips.openrouter.formulaIndex', { host: best.host, index: index(best) }),
          ...dearer.map((h) => said('engine.tips.openrouter.formulaHost', { host: h.host, index: index(h), best: best.host, bestIndex: index(best) })),
        ],
        assumptions: [said('engine.tips.openrouter.assume', { host: best.host })],
      });
    }
    return out;
  },
};
