/**
 * The CLI's words in the user's language (English or Simplified Chinese), through FormatJS: ICU
 * MessageFormat messages from shared/i18n/<locale>/cli.json and errors.json, numbers and dates through
 * Intl in the same locale.
 *
 * Only the chosen locale's two catalogs load, and only when something is said to a person: `--help`
 * (English) and `--json` (unchanged, English errors) never load this module's catalogs or FormatJS.
 *
 * To add a message: put `"cli.<command>.<key>": "text with {placeholder}"` in shared/i18n/en/cli.json
 * and the same key (same placeholders) in shared/i18n/zh-CN/cli.json, then print `t('cli.<command>.<key>', { placeholder })`.
 * Plurals and choices are ICU: `{n, plural, one {# file} other {# files}}`. test/cli/i18n.test.ts fails
 * on a key or placeholder missing from one locale, and on a line of human output not from a catalog.
 */
import type { IntlShape } from '@formatjs/intl';
import type enCli from '../../shared/i18n/en/cli.json';
import type enErrors from '../../shared/i18n/en/errors.json';
import { sayWith, type Said } from '../../shared/i18n/said';
import type { Locale } from './locale';

export { LOCALES, resolveLocale, type Locale } from './locale';
export type MessageId = keyof typeof enCli | keyof typeof enErrors;
export type MessageValues = Record<string, string | number>;

let intl: IntlShape | undefined;
let current: Locale = 'en';
let pseudo = false;

/** The loaded locale ('en' before any load: numbers in --json-only runs and unit tests stay English). */
export function locale(): Locale {
  return current;
}

async function catalogs(l: Locale): Promise<Record<string, string>> {
  // One literal import per locale, so the bundle keeps each catalog in a chunk of its own.
  const [cli, errors, engine] =
    l === 'zh-CN'
      ? await Promise.all([import('../../shared/i18n/zh-CN/cli.json'), import('../../shared/i18n/zh-CN/errors.json'), import('../../shared/i18n/zh-CN/engine.json')])
      : await Promise.all([import('../../shared/i18n/en/cli.json'), import('../../shared/i18n/en/errors.json'), import('../../shared/i18n/en/engine.json')]);
  return { ...cli.default, ...errors.default, ...engine.default };
}

/**
 * Loads a locale's catalogs (again when another is asked for). `pseudo` (kept until changed) wraps every
 * message in ⟦ ⟧: a test reads the human output in it to find words that did not come from a catalog.
 */
export async function loadI18n(l: Locale, options: { pseudo?: boolean } = {}): Promise<void> {
  if (options.pseudo !== undefined) pseudo = options.pseudo;
  if (intl && current === l) return;
  const [{ createIntl }, messages] = await Promise.all([import('@formatjs/intl'), catalogs(l)]);
  // A key missing from a catalog prints its id; test/cli/i18n.test.ts keeps the catalogs complete.
  intl = createIntl({ locale: l, defaultLocale: 'en', messages, onError: () => undefined });
  current = l;
}

/** True once a catalog is loaded (human output and errors may use t()). */
export function i18nLoaded(): boolean {
  return intl !== undefined;
}

/** What the engine said (a message id and typed values) in the loaded locale: tips, reconcile reasons, alerts, FX notes. */
export function say(s: Said): string {
  if (!intl) throw new Error(`i18n: "${s.id}" used before loadI18n()`);
  const text = sayWith(intl as IntlShape<string>, s);
  return pseudo ? `⟦${text}⟧` : text;
}

/** A message of the loaded catalogs, its placeholders filled. */
export function t(id: MessageId, values?: MessageValues): string {
  if (!intl) throw new Error(`i18n: "${id}" used before loadI18n()`);
  const text = intl.formatMessage({ id }, values) as string;
  return pseudo ? `⟦${text}⟧` : text;
}
