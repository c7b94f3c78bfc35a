/**
 * The window's catalogs are pre-parsed by its build (scripts/icu-catalogs.ts): every message of every area,
 * in every locale, formatted from the build's AST must read exactly as formatted from its string (what the
 * CLI, the engine and the tests use), with the values its placeholders take, and without values where it has
 * none (FormatJS takes a shortcut for a string without values).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { AREAS, LOCALES } from '../../shared/i18n';
import { parsedArea } from '../../scripts/icu-catalogs';
import { ROOT } from '../e2e/harness';

type Values = Record<string, unknown>;

/** A value for each placeholder of a message: a number where it is counted or formatted as one, else text; tags wrap. */
function valuesFor(ast: MessageFormatElement[]): Values | undefined {
  const values: Values = {};
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument) values[el.value] ??= `«${el.value}»`;
      if (el.type === TYPE.number || el.type === TYPE.plural) values[el.value] = 1234.5;
      if (el.type === TYPE.date || el.type === TYPE.time) values[el.value] = new Date(Date.UTC(2025, 9, 20));
      if (el.type === TYPE.select) values[el.value] ??= Object.keys(el.options)[0];
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const opt of Object.values(el.options)) walk(opt.value);
      if (el.type === TYPE.tag) {
        const name = el.value;
        values[name] = (chunks: unknown[]) => `<${name}>${chunks.join('')}</${name}>`;
        walk(el.children);
      }
    }
  };
  walk(ast);
  return Object.keys(values).length ? values : undefined;
}

describe('the window build’s pre-parsed catalogs', () => {
  it('format every message as its string does, in every locale', () => {
    const differ: string[] = [];
    let n = 0;
    for (const locale of LOCALES) {
      for (const area of AREAS) {
        const file = join(ROOT, 'shared', 'i18n', locale, `${area}.json`);
        const parsed = parsedArea(file, locale) as Record<string, MessageFormatElement[]>;
        const strings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
        const fromText = createIntl({ locale, defaultLocale: 'en', messages: strings });
        const fromAst = createIntl({ locale, defaultLocale: 'en', messages: parsed });
        for (const [id, ast] of Object.entries(parsed)) {
          const values = valuesFor(ast) as Record<string, string> | undefined;
          const a = JSON.stringify(fromText.formatMessage({ id }, values));
          const b = JSON.stringify(fromAst.formatMessage({ id }, values));
          if (a !== b) differ.push(`${locale} ${id}: ${a} / ${b}`);
          n++;
        }
      }
    }
    expect(differ).toEqual([]);
    expect(n).toBeGreaterThan(1000);
  });
});
