/**
 * The status line's words (shared/i18n/<locale>/statusline.json): plain `{name}` templates filled by
 * `fill`, not FormatJS. Claude Code runs the status line after every message and its warm path loads no
 * more than this, the money digits and the kept figures; both catalogs are a few hundred bytes.
 */
import en from './en/statusline.json';
import zh from './zh-CN/statusline.json';

export type StatusWords = typeof en;

/** The words of `locale` ('zh-CN' or English for any other). */
export function statusWords(locale: string): StatusWords {
  return locale === 'zh-CN' ? zh : en;
}

/** A template's `{name}` placeholders filled with `values` (one left unfilled stays as written). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] === undefined ? m : String(values[k])));
}
