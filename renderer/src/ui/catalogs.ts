/**
 * The window's message catalogs, one locale at a time: English (the default, and the language of most windows)
 * is in the first bundle; another locale's catalog is fetched the first time the window shows that language,
 * so the first screen does not load and evaluate every language's messages.
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

/** Every locale's catalog now (the jsdom tests load them before they start, as they load the screens). */
export function loadCatalogs(): Promise<unknown> {
  return Promise.all(Object.keys(LOADERS).map((l) => loadCatalog(l as Locale)));
}
