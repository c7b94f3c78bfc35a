/**
 * The review pack's words in the reader's language: headings, column titles and sentences from the
 * catalogs (shared/i18n/<locale>/review.json; the engine's own sentences through `said`), money by the
 * one document rule (formatMoneyText), counts and month names through Intl in the same locale.
 */
import type { AmountsByCurrency } from '../../../shared/contract/types';
import { formatMoneyText } from '../../../shared/contract/format';
import { createTranslator, type Locale, type MessageId, type MessageValues } from '../../../shared/i18n/index';
import { monthName } from '../../../shared/i18n/budget-words';
import { sayWith, type Said } from '../../../shared/i18n/said';

export interface PackWords {
  locale: Locale;
  t(id: MessageId, values?: MessageValues): string;
  /** What the engine said (a verdict, a tip's title, the FX note) in this language. */
  say(s: Said): string;
  /** "$1,234.56" / "US$1,234.56"; "no rate" for a missing conversion. */
  money(amount: string | null, currency: string): string;
  /** Several currencies: "¥1,035.13 + $2,670.02", "-" for none. */
  amounts(a: AmountsByCurrency): string;
  integer(n: number): string;
  /** "September 2025" / "2025年9月". */
  month(m: string): string;
  /** Joins a list of sentences ("; " in English, "；" in Chinese). */
  list(items: string[]): string;
}

export function packWords(locale: Locale): PackWords {
  const { intl, t } = createTranslator(locale);
  // English keeps the US conventions the pack has always printed.
  const tag = locale === 'en' ? 'en-US' : locale;
  const integers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const money = (amount: string | null, currency: string) => (amount === null ? t('review.noRate') : formatMoneyText(amount, currency, tag));
  return {
    locale,
    t,
    say: (s) => sayWith(intl, s),
    money,
    amounts: (a) => {
      const parts = Object.entries(a).map(([c, v]) => money(v, c));
      return parts.length ? parts.join(' + ') : '-';
    },
    integer: (n) => integers.format(n),
    month: (m) => monthName(m, tag),
    list: (items) => items.join(locale === 'zh-CN' ? '；' : '; '),
  };
}
