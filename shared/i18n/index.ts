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
 *  A new area: a JSON file in both folders and a line in each of EN and ZH below.
 * What the engine says to people (tips, reconcile reasons, alerts, FX notes, errors) is in the `engine` area:
 * the engine returns `said(id, values)` (./said.ts) and the window shows it with `useSay()`, the CLI with `say()`.
 *  test/i18n/catalogs.test.ts checks both locales have the same ids and placeholders;
 *  test/i18n/literals.test.ts fails on text in the renderer that is not from a catalog.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import enAgents from './en/agents.json';
import enApp from './en/app.json';
import enBudgets from './en/budgets.json';
import enEngine from './en/engine.json';
import enExplore from './en/explore.json';
import enImports from './en/imports.json';
import enOverview from './en/overview.json';
import enPrices from './en/prices.json';
import enReconcile from './en/reconcile.json';
import enReview from './en/review.json';
import enSettings from './en/settings.json';
import enTips from './en/tips.json';
import zhAgents from './zh-CN/agents.json';
import zhApp from './zh-CN/app.json';
import zhBudgets from './zh-CN/budgets.json';
import zhEngine from './zh-CN/engine.json';
import zhExplore from './zh-CN/explore.json';
import zhImports from './zh-CN/imports.json';
import zhOverview from './zh-CN/overview.json';
import zhPrices from './zh-CN/prices.json';
import zhReconcile from './zh-CN/reconcile.json';
import zhReview from './zh-CN/review.json';
import zhSettings from './zh-CN/settings.json';
import zhTips from './zh-CN/tips.json';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
/** What the user chose in Settings: a locale, or the system's. */
export type LocaleChoice = 'system' | Locale;
export const DEFAULT_LOCALE: Locale = 'en';

/** The names of the languages, each in its own language (the Settings list shows them so). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * The supported locale for a BCP 47 tag: `zh`, `zh-CN`, `zh-SG`, `zh-Hans*` are Simplified Chinese;
 * Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant*`) and anything else is English.
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.replace(/_/g, '-').toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t.startsWith('zh-hans') || t.startsWith('zh-cn-') || t.startsWith('zh-sg-')) return 'zh-CN';
  return null;
}

/** The locale to show: the user's choice, else the first of the system's preferred tags we support, else English. */
export function resolveLocale(choice: LocaleChoice | null | undefined, systemTags: readonly (string | null | undefined)[]): Locale {
  if (choice && choice !== 'system') return choice;
  for (const tag of systemTags) {
    const m = matchLocale(tag);
    if (m) return m;
  }
  return DEFAULT_LOCALE;
}

const EN = { ...enApp, ...enOverview, ...enExplore, ...enImports, ...enBudgets, ...enPrices, ...enReconcile, ...enSettings, ...enTips, ...enAgents, ...enEngine, ...enReview };
const ZH = { ...zhApp, ...zhOverview, ...zhExplore, ...zhImports, ...zhBudgets, ...zhPrices, ...zhReconcile, ...zhSettings, ...zhTips, ...zhAgents, ...zhEngine, ...zhReview };

/** Every message id of the window (English is the reference catalog). */
export type MessageId = keyof typeof EN;

/** The window's messages of a locale (ids to ICU message strings). */
export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en: EN, 'zh-CN': ZH satisfies Record<MessageId, string> };

/** A catalog's areas, for the tests that compare locales file by file. */
export const AREAS = ['app', 'overview', 'explore', 'imports', 'budgets', 'prices', 'reconcile', 'settings', 'tips', 'agents', 'engine', 'review'] as const;

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

export interface Translator {
  locale: Locale;
  intl: IntlShape<string>;
  t(id: MessageId, values?: MessageValues): string;
}

const cache = createIntlCache();

/** A formatter of the window's messages outside React (tests, and any non-React code). */
export function createTranslator(locale: Locale): Translator {
  const intl = createIntl<string>({ locale, defaultLocale: DEFAULT_LOCALE, messages: CATALOGS[locale] }, cache);
  return { locale, intl, t: (id, values) => intl.formatMessage({ id }, values) };
}
