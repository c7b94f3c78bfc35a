/**
 * The window's languages: which locales exist, how a system or chosen locale maps to one, the message
 * catalogs (ICU MessageFormat, one JSON file per area and locale under shared/i18n/<locale>/), and a
 * typed formatter that works outside React (FormatJS's core, @formatjs/intl).
 *
 * Adding a user-visible string:
 *  1. Pick the area file of the screen (shared/i18n/en/<area>.json) and add `"<area>.<key>": "English text"`
 *     (ICU: `{count, plural, one {# model} other {# models}}`, `{name}`, `<link>Prices</link>`).
 *  2. Add the same id to shared/i18n/zh-CN/<area>.json in Chinese, with the same {placeholders} and <tags>.
 *  3. In a component: `const t = useT();` (renderer/src/ui/i18n.tsx) and `t('<area>.<key>', { name })`;
 *     `tRich` for tags that become elements.
 *  A new area: a JSON file in both folders, a line in each of ./catalog-en.ts and ./catalog-zh-CN.ts, and in AREAS below.
 * What the engine says to people (tips, reconcile reasons, alerts, FX notes, errors) is in the `engine` area:
 * the engine returns `said(id, values)` (./said.ts) and the window shows it with `useSay()`, the CLI with `say()`.
 *  test/i18n/catalogs.test.ts checks both locales have the same ids and placeholders;
 *  test/i18n/literals.test.ts fails on text in the renderer that is not from a catalog.
 * The window loads one locale's catalog at a time (renderer/src/ui/catalogs.ts), pre-parsed by its build
 * (build/icu-catalogs.ts): it imports ./locales and ./catalog-* but never this module's values.
 */
import { EN, type MessageId } from './catalog-en';
import { ZH } from './catalog-zh-CN';
import type { Locale } from './locales';
import { translatorOf, type Translator } from './translator';

export { DEFAULT_LOCALE, LOCALES, LOCALE_NAMES, matchLocale, resolveLocale, type Locale, type LocaleChoice, type MessageValues } from './locales';
export type { MessageId } from './catalog-en';
export type { Translator } from './translator';

/** The window's messages of a locale (ids to ICU message strings). */
export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en: EN, 'zh-CN': ZH };

/** A catalog's areas, for the tests that compare locales file by file. */
export const AREAS = ['app', 'overview', 'explore', 'imports', 'budgets', 'prices', 'reconcile', 'settings', 'tips', 'agents', 'engine', 'review'] as const;

/** A formatter of the window's messages outside React (tests, and any non-React code). */
export function createTranslator(locale: Locale): Translator {
  return translatorOf(locale, CATALOGS[locale]);
}
