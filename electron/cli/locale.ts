/**
 * The CLI's locale from a flag and the environment, without any catalog: the status line's small bundle
 * (statusline.ts) needs it too, and loads nothing else of the CLI's i18n.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The locale from `--lang`, else TOKENLEDGER_LANG, else the POSIX locale variables in their order of
 * precedence (LC_ALL, LC_MESSAGES, LANG): any Chinese one ("zh", "zh_CN.UTF-8", "zh-Hans") is zh-CN,
 * anything else English.
 */
export function resolveLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  const chosen = [flag, env.TOKENLEDGER_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return chosen !== undefined && /^zh/i.test(chosen) ? 'zh-CN' : 'en';
}
