/**
 * What the engine says to a person, as data: a message id of the engine catalog (shared/i18n/<locale>/engine.json)
 * and typed values, never prose. The window and the CLI turn it into text in the chosen locale with
 * `sayWith`; the engine's English `text` fields (kept in `--json` for scripts) come from the same function
 * with the English catalog (./english.ts).
 *
 * Values: a plain number (the message writes `{n, number}` or a plural), a string (a name already resolved by
 * the one displayName function, a model or provider id), money `{ amount, currency }` (the contract's exact
 * decimal), an ISO day `{ day }`, a month `{ month }`, a share `{ share }` (0..1), a token count
 * `{ tokens }` (compact: 1.2M, 120万), a list of messages `{ list }` (sentences, joined by "; "; `joined: 'comma'`
 * for a list of names: ", ", "、" in Chinese), or a message inside a message.
 *
 * This module loads no formatter: the status line and other light paths may import it.
 */
import type { IntlShape } from '@formatjs/intl';
import type enEngine from './en/engine.json';
import { amountDigits, formatTokenCount } from '../contract/format';

export type EngineMessageId = keyof typeof enEngine;

export type SaidValue =
  | string
  | number
  | { amount: string; currency: string }
  | { day: string }
  | { month: string }
  | { share: number }
  | { tokens: number }
  | { list: Said[]; joined?: 'comma' }
  | Said;

export interface Said {
  id: EngineMessageId;
  values?: Record<string, SaidValue>;
}

/** A message of the engine catalog with its values. */
export function said(id: EngineMessageId, values?: Record<string, SaidValue>): Said {
  return values ? { id, values } : { id };
}

/** Service tiers by their names in the reader's language (an id the catalog does not know, as it is), comma-joined. */
export const tiersSaid = (tiers: readonly string[]): SaidValue => ({ list: tiers.map((tier) => said('engine.tier', { tier })), joined: 'comma' });

/**
 * Money for a sentence: to the cent with grouped digits, or 3 significant digits below a cent (a tiny
 * amount never reads as zero), then the currency code: "1,234.50 USD", "0.00123 USD". The rounding is done on
 * the exact decimal; Intl only writes the digits.
 */
export function moneyText(amount: string, currency: string, locale: string): string {
  return `${amountDigits(amount, locale)} ${currency}`;
}

/** What joins a list of messages in a locale: sentences by "; " ("；"), names (`comma`) by ", " ("、"). */
export function listSeparator(locale: string, joined?: 'comma'): string {
  const zh = locale.startsWith('zh');
  return joined === 'comma' ? (zh ? '、' : ', ') : zh ? '；' : '; ';
}

const isObject = (v: SaidValue): v is Exclude<SaidValue, string | number> => typeof v === 'object' && v !== null;

function valueText(intl: IntlShape<string>, v: SaidValue): string | number {
  if (!isObject(v)) return v;
  if ('amount' in v) return moneyText(v.amount, v.currency, intl.locale);
  if ('day' in v) return intl.formatDate(Date.parse(`${v.day}T00:00:00Z`), { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  if ('month' in v) return intl.formatDate(Date.parse(`${v.month}-01T00:00:00Z`), { timeZone: 'UTC', year: 'numeric', month: 'long' });
  if ('share' in v) return intl.formatNumber(v.share, { style: 'percent', maximumFractionDigits: 1 });
  if ('tokens' in v) return formatTokenCount(v.tokens, intl.locale);
  if ('list' in v) return v.list.map((s) => sayWith(intl, s)).join(listSeparator(intl.locale, v.joined));
  return sayWith(intl, v);
}

/** A message in the locale of `intl` (which must hold the engine catalog), its values formatted there. */
export function sayWith(intl: IntlShape<string>, s: Said): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(s.values ?? {})) values[k] = valueText(intl, v);
  return intl.formatMessage({ id: s.id }, values);
}
