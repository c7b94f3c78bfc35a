/**
 * The window's language: the locale from Settings (or the system's: in the desktop app Chromium's
 * navigator.languages follow the OS, as app.getLocale() does), react-intl's provider around the screens,
 * and typed hooks over the catalogs in shared/i18n (see shared/i18n/index.ts for adding a string).
 */
import { Fragment, createElement, useEffect, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { CATALOGS, DEFAULT_LOCALE, createTranslator, resolveLocale, type Locale, type MessageId, type MessageValues, type Translator } from '../../../shared/i18n';
import { sayWith, type Said } from '../../../shared/i18n/said';
import { setErrorSayer } from '../../../shared/contract/errors';
import type { IntlShape as CoreIntl } from '@formatjs/intl';
import { useApp } from '../client/store';
import { setFormatLocale } from './format';

function systemTags(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

let translator: Translator = createTranslator(DEFAULT_LOCALE);
function setTranslatorLocale(locale: Locale): void {
  if (translator.locale !== locale) translator = createTranslator(locale);
}
// An engine error's message is said in the window's language wherever it is shown.
setErrorSayer((s) => sayWith(translator.intl, s));

/** A message in the window's language outside React (a transport's error, a file reader's). */
export function translate(id: MessageId, values?: MessageValues): string {
  return translator.t(id, values);
}

/** What the engine said (a message id and typed values), in the window's language outside React. */
export function sayText(s: Said): string {
  return sayWith(translator.intl, s);
}

/** What the engine said (a message id and typed values) in the window's language: `say(line.said)`. */
export function useSay(): (s: Said) => string {
  const intl = useIntl();
  return (s) => sayWith(intl as unknown as CoreIntl<string>, s);
}

/** The locale the window shows now. */
export function useLocale(): Locale {
  const choice = useApp((s) => s.settings?.locale ?? 'system');
  return resolveLocale(choice, systemTags());
}

/**
 * The screens in the chosen language. Keyed by the locale: a switch re-renders every screen, also the
 * ones whose figures go through ui/format.ts rather than a message.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useLocale();
  setFormatLocale(locale);
  setTranslatorLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <IntlProvider key={locale} locale={locale} defaultLocale={DEFAULT_LOCALE} messages={CATALOGS[locale]} textComponent={Fragment}>
      {children}
    </IntlProvider>
  );
}

export type T = (id: MessageId, values?: MessageValues) => string;

/** `t('overview.title')`, `t('overview.models', { count })`: a message as text. */
export function useT(): T {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}

export type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

/** A message with elements: `tRich('app.unpriced.head', { tokens, count, strong: (c) => <strong>{c}</strong> })`. */
export function useTRich(): (id: MessageId, values: RichValues) => ReactNode {
  const intl = useIntl();
  return (id, values) => {
    const keyed: RichValues = {};
    let n = 0;
    // Each tag's element gets a key: they end up in one array of children.
    for (const [k, v] of Object.entries(values)) {
      keyed[k] = typeof v === 'function' ? (chunks: ReactNode[]) => createElement(Fragment, { key: `${k}${n++}` }, v(chunks)) : v;
    }
    return createElement(Fragment, null, intl.formatMessage({ id }, keyed as Record<string, never>));
  };
}
