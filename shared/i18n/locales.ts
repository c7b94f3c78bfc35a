/**
 * The window's locales and how a system or chosen locale maps to one: no catalog here, so the window's first
 * bundle can load only the catalog of the locale it shows (renderer/src/ui/catalogs.ts).
 */
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

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
