/**
 * The window's build (electron.vite.config.ts): each catalog area file (shared/i18n/<locale>/<area>.json)
 * becomes its messages already parsed, FormatJS's ICU AST, what intl-messageformat would otherwise make of
 * each string at its first use in the window; and FormatJS's parser is left out of the window's bundle (its
 * `no-parser` build: the same exports, `parse` throws). The window formats catalog messages only, so none is
 * a string there; the CLI, the engine and the tests keep the strings and the parser.
 *
 * The built page also names each fetched-on-demand catalog's file (`<meta name="token-ledger-catalogs">`), so
 * its early script can ask for the catalog the window showed last before it asks the engine anything: at
 * `tokenledger serve` a request that arrives while the engine reads waits for the read.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/** The catalogs' modules, whose area files (and only theirs: other modules read the strings) are parsed here. */
const CATALOG_MODULE = /[\\/]shared[\\/]i18n[\\/]catalog-(en|zh-CN)\.ts$/;
const PREFIX = '\0icu-catalog:';
/** The built page's meta naming each locale's catalog file (read by renderer/public/early-overview.js). */
const CATALOG_FILES_META = 'token-ledger-catalogs';

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
      const catalog = importer && CATALOG_MODULE.exec(importer);
      if (!catalog || !/^\.\/(en|zh-CN)\/[a-z-]+\.json$/.test(source)) return null;
      // Not ending in .json: Vite's JSON plugin leaves it alone.
      return `${PREFIX}${catalog[1]}:${resolve(dirname(importer), source)}.js`;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return;
        const files: Record<string, string> = {};
        for (const chunk of Object.values(ctx.bundle)) {
          const locale = chunk.type === 'chunk' && /^catalog-(.+)$/.exec(chunk.name)?.[1];
          if (locale) files[locale] = `./${chunk.fileName}`;
        }
        return [{ tag: 'meta', attrs: { name: CATALOG_FILES_META, content: JSON.stringify(files) }, injectTo: 'head' }];
      },
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [locale, ...path] = id.slice(PREFIX.length, -'.js'.length).split(':');
      // Parsed by JSON.parse rather than as an object literal: faster for V8 at this size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(parsedArea(path.join(':'), locale!)))});`;
    },
  };
}
