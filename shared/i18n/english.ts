/**
 * The engine's English text of a message (the `text` fields `--json` keeps for scripts): the English
 * engine catalog through the same formatter the window and the CLI use. Loads FormatJS, so the light
 * paths (the status line) do not import it.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import enEngine from './en/engine.json';
import { sayWith, type Said } from './said';

let intl: IntlShape<string> | undefined;

export function english(s: Said): string {
  intl ??= createIntl<string>({ locale: 'en', defaultLocale: 'en', messages: enEngine }, createIntlCache());
  return sayWith(intl, s);
}
