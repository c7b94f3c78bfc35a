/**
 * The window's message catalogs, one locale at a time: English (the default, and the language of most windows)
 * is in the first bundle; another locale's catalog is fetched the first time the window shows that language,
 * so the first screen does not load and evaluate every language's messages. The locale shown is kept in
 * localStorage (`token-ledger.locale`): the next window's early script (renderer/public/early-overview.js) asks
 * for its catalog before anything else.
 */
import { EN, type MessageId } from '../../../shared/i18n/catalog-en';
import type { Locale } from '../../../shared/i18n/locales';

export type Catalog = Record<MessageId, string>;

const loaded: Partial<Record<Locale, Catalog>> = { en: EN };

const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<Catalog>> = {
  'zh-CN': () => import('../../../shared/i18n/catalog-zh-CN').then((m) => m.ZH),
};

/** A locale's catalog if it is loaded already. */
export function loadedCatalog(locale: Locale): Catalog | undefined {
  return loaded[locale];
}

const pending: Partial<Record<Locale, Promise<Catalog>>> = {};

/** A locale's catalog, fetched once. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  const have = loaded[locale];
  if (have) return Promise.resolve(have);
  return (pending[locale] ??= LOADERS[locale as Exclude<Locale, 'en'>]().then(
    (c) => (loaded[locale] = c),
    (err: unknown) => {
      delete pending[locale];
      throw err;
    },
  ));
}

const SHOWN_KEY = 'token-ledger.locale';

/** Notes the locale the window shows, for the next window's early script. */
export function rememberShownLocale(locale: Locale): void {
  try {
    if (localStorage.getItem(SHOWN_KEY) !== locale) localStorage.setItem(SHOWN_KEY, locale);
  } catch {
    // No storage (a private window): the next window fetches its catalog when it first shows it.
  }
}

/** Every locale's catalog now (the jsdom tests load them before they start, as they load the screens). */
export function loadCatalogs(): Promise<unknown> {
  return Promise.all(Object.keys(LOADERS).map((l) => loadCatalog(l as Locale)));
}
