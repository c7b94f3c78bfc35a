/**
 * The window's catalogs: English and Simplified Chinese have the same message ids in the same area
 * files, every message parses as ICU, and both sides of an id use the same placeholders and tags (a
 * translation that drops `{count}` or renames `<link>` would render wrong or throw).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { AREAS, CATALOGS, LOCALES, createTranslator, matchLocale, resolveLocale } from '../../shared/i18n';
import { ROOT } from '../e2e/harness';

const DIR = join(ROOT, 'shared', 'i18n');
const read = (locale: string, file: string) => JSON.parse(readFileSync(join(DIR, locale, file), 'utf8')) as Record<string, string>;

/**
 * The argument names and tag names a message uses, sorted. Kinds may differ: Chinese has no plural forms,
 * so `{count, plural, ...}` in English is often `{count, number}` in Chinese.
 */
function placeholders(message: string): string[] {
  const out = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(`{${el.value}}`);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        out.add(`{${el.value}}`);
        for (const opt of Object.values(el.options)) walk(opt.value);
      }
      if (el.type === TYPE.tag) {
        out.add(`<${el.value}>`);
        walk(el.children);
      }
    }
  };
  walk(parse(message));
  return [...out].sort();
}

describe('message catalogs', () => {
  it('hold the same area files in every locale, one per area', () => {
    for (const locale of LOCALES) {
      const files = readdirSync(join(DIR, locale)).filter((f) => f.endsWith('.json')).sort();
      expect(files, locale).toEqual(expect.arrayContaining(AREAS.map((a) => `${a}.json`)));
    }
    expect(readdirSync(join(DIR, 'zh-CN')).sort()).toEqual(readdirSync(join(DIR, 'en')).sort());
  });

  it('have the same ids in en and zh-CN, each under its area', () => {
    for (const file of readdirSync(join(DIR, 'en')).filter((f) => f.endsWith('.json'))) {
      const en = read('en', file);
      const zh = read('zh-CN', file);
      expect(Object.keys(zh).sort(), file).toEqual(Object.keys(en).sort());
      const area = file.replace(/\.json$/, '');
      for (const id of Object.keys(en)) expect(id.startsWith(`${area}.`), `${id} in ${file}`).toBe(true);
    }
  });

  it('use the same ICU placeholders and tags on both sides of every id', () => {
    const mismatches: string[] = [];
    for (const file of readdirSync(join(DIR, 'en')).filter((f) => f.endsWith('.json'))) {
      const en = read('en', file);
      const zh = read('zh-CN', file);
      for (const [id, text] of Object.entries(en)) {
        const a = placeholders(text).join(' ');
        const b = placeholders(zh[id] ?? '').join(' ');
        if (a !== b) mismatches.push(`${id}: en ${a} / zh-CN ${b}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('translate: no zh-CN message is the English one, unless it holds no words', () => {
    const same = Object.entries(CATALOGS.en).filter(([id, text]) => CATALOGS['zh-CN'][id as keyof typeof CATALOGS.en] === text && /[A-Za-z]{3,}/.test(text.replace(/\{[^}]*\}/g, '')));
    // Names kept as they are in Chinese (products, units, formats): listed, so a new one is a decision.
    expect(same.map(([id]) => id).sort()).toEqual(['settings.team.utc']);
  });

  it('format plurals and numbers in the locale', () => {
    expect(createTranslator('en').t('settings.db.restored', { count: 1234, path: 'a.sqlite', copy: 'b.sqlite' })).toBe(
      'Restored 1,234 facts from a.sqlite. The previous ledger was kept as b.sqlite.',
    );
    expect(createTranslator('en').t('imports.agents.watching', { count: 1 })).toBe('Watching 1 folder: what the agents write is imported within seconds.');
    expect(createTranslator('zh-CN').t('settings.db.restored', { count: 1234, path: 'a.sqlite', copy: 'b.sqlite' })).toBe(
      '已从 a.sqlite 恢复 1,234 条记录。之前的账本已保存为 b.sqlite。',
    );
  });
});

describe('locale resolution', () => {
  it('maps Chinese tags written with Simplified script or a mainland region to zh-CN, other tags to en', () => {
    expect(['zh', 'zh-CN', 'zh_CN', 'zh-Hans', 'zh-Hans-CN', 'zh-SG', 'ZH-cn'].map(matchLocale)).toEqual(Array(7).fill('zh-CN'));
    expect(['zh-TW', 'zh-HK', 'zh-Hant', 'fr-FR', '', undefined].map(matchLocale)).toEqual([null, null, null, null, null, null]);
    expect(['en', 'en-US', 'en-GB'].map(matchLocale)).toEqual(['en', 'en', 'en']);
  });

  it('follows the system unless Settings chose a language', () => {
    expect(resolveLocale('system', ['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(resolveLocale('system', ['fr-FR', 'zh-Hans'])).toBe('zh-CN');
    expect(resolveLocale('system', ['fr-FR', 'de'])).toBe('en');
    expect(resolveLocale(null, [])).toBe('en');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });
});
