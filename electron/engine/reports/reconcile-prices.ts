/** Which of the book's price changes inside a reconciled period priced the period's usage. */
import type { CurrencyCode } from '../../../shared/domain/money';
import { familyOf } from '../../../shared/domain/models';
import { parseInstant, priceAt, type PriceBook, type PriceEntry } from '../../../shared/domain/pricing/price-book';
import { said, type Said } from '../../../shared/i18n/said';

const entriesByModel = new WeakMap<PriceBook, Map<string, PriceEntry[]>>();

function entriesOf(book: PriceBook, model: string): readonly PriceEntry[] {
  let m = entriesByModel.get(book);
  if (!m) {
    m = new Map();
    for (const e of book.entries) m.set(e.model, [...(m.get(e.model) ?? []), e]);
    entriesByModel.set(book, m);
  }
  return m.get(model) ?? [];
}

/**
 * The prices that changed inside the period and would price the usage: an entry taking effect between
 * `from` and `to` counts only when the book's own lookup, for a route and currency the usage was priced on,
 * finds that very entry at that instant (a CNY list of the vendor's own API does not price a Bedrock bill),
 * and a price was in force just before it: a model's first price is no change (usage dated before it is
 * unpriced, and the unpriced reason says so).
 */
export function priceChanges(book: PriceBook, routesByModel: ReadonlyMap<string, ReadonlySet<string>>, estimateCurrencies: readonly CurrencyCode[], from: number, to: number): Said[] {
  const out = new Map<string, Said>();
  const currencies = [...new Set(estimateCurrencies)];
  for (const [model, routes] of routesByModel) {
    for (const id of new Set([model, familyOf(model)])) {
      for (const e of entriesOf(book, id)) {
        const t = parseInstant(e.effectiveFrom);
        if (!(t > from && t < to)) continue;
        const prices = (route: string) => (currencies.length ? currencies : [undefined]).some((currency) => {
          const q = currency ? { currency } : {};
          const found = priceAt(book, id, t, route, 'standard', q);
          const replaces = found !== null && found.effectiveFrom === e.effectiveFrom && found.currency === e.currency && (found.route === e.route || found.route === route);
          return replaces && priceAt(book, id, t - 1, route, 'standard', q) !== null;
        });
        if (![...routes].some(prices)) continue;
        const key = `${e.model} (${e.route}, ${e.currency}) from ${e.effectiveFrom}`;
        out.set(key, said('engine.reconcile.priceChange', { model: e.model, route: e.route, currency: e.currency, day: { day: e.effectiveFrom.slice(0, 10) } }));
      }
    }
  }
  return [...out.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([, v]) => v);
}
