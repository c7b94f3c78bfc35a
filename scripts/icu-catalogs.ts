/**
 * The window's build (electron.vite.config.ts): each catalog area file (shared/i18n/<locale>/<area>.json)
 * becomes its messages already parsed, FormatJS's ICU AST, what intl-messageformat would otherwise make of
 * each string at its first use in the window; and FormatJS's parser is left out of the window's bundle (its
 * `no-parser` build: the same exports, `parse` throws). The window formats catalog messages only, so none is
 * a string there; the CLI, the engine and the tests keep the strings and the parser.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/** The catalogs' module, whose area files (and only its: other modules read the strings) are parsed here. */
const CATALOG_MODULE = /[\\/]shared[\\/]i18n[\\/]index\.ts$/;
const PREFIX = '\0icu-catalog:';

/** An area file's messages as ICU ASTs, parsed as intl-messageformat parses them (its defaults, the locale). */
export function parsedArea(path: string, locale: string): Record<string, unknown> {
  const messages = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  const l = new Intl.Locale(locale);
  return Object.fromEntries(Object.entries(messages).map(([id, text]) => [id, parse(text, { locale: l })]));
}

export function icuCatalogs(): Plugin {
  return {
    name: 'token-ledger:icu-catalogs',
    enforce: 'pre',
    config: () => ({
      resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] },
    }),
    resolveId(source, importer) {
      const area = importer && CATALOG_MODULE.test(importer) && /^\.\/(en|zh-CN)\/[a-z-]+\.json$/.exec(source);
      if (!area) return null;
      // Not ending in .json: Vite's JSON plugin leaves it alone.
      return `${PREFIX}${area[1]}:${resolve(dirname(importer!), source)}.js`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [locale, ...path] = id.slice(PREFIX.length, -'.js'.length).split(':');
      // Parsed by JSON.parse rather than as an object literal: faster for V8 at this size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(parsedArea(path.join(':'), locale!)))});`;
    },
  };
}
