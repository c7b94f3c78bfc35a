/** A formatter of the window's messages outside React, over one locale's catalog (FormatJS's core, @formatjs/intl). */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageId } from './catalog-en';
import { DEFAULT_LOCALE, type Locale, type MessageValues } from './locales';

export interface Translator {
  locale: Locale;
  intl: IntlShape<string>;
  t(id: MessageId, values?: MessageValues): string;
}

const cache = createIntlCache();

/** The translator of a locale given its catalog (shared/i18n/index.ts createTranslator passes it; the window, the one it loaded). */
export function translatorOf(locale: Locale, messages: Record<MessageId, string>): Translator {
  const intl = createIntl<string>({ locale, defaultLocale: DEFAULT_LOCALE, messages }, cache);
  return { locale, intl, t: (id, values) => intl.formatMessage({ id }, values) };
}
