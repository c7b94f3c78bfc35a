/**
 * The CLI in English and Simplified Chinese: both catalogs say the same things (keys and placeholders),
 * the main commands' human output in zh-CN as snapshots, and no word of human output that is not from a
 * catalog: in a pseudo-locale that wraps every message in ⟦ ⟧, what is left of each line once the
 * wrapped messages and the command's own data (every string and number of its --json answer) are taken
 * out has no words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { commands } from '../../electron/cli/commands';
import { loadI18n, resolveLocale } from '../../electron/cli/i18n';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '../..');
const I18N = join(ROOT, 'shared/i18n');
const SAMPLE = join(ROOT, 'test/fixtures/exports/openai-costs.json');

function catalog(locale: string, area: string): Record<string, string> {
  return JSON.parse(readFileSync(join(I18N, locale, `${area}.json`), 'utf8')) as Record<string, string>;
}

/** The placeholders of an ICU message ({name}, {n, plural, ...}), sorted. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_]\w*)/g)].map((m) => m[1]!))].sort();
}

describe('the catalogs', () => {
  for (const area of ['cli', 'errors']) {
    it(`${area}.json: zh-CN has every key of en, no other, with the same placeholders`, () => {
      const en = catalog('en', area);
      const zh = catalog('zh-CN', area);
      expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) expect([key, placeholders(zh[key]!)]).toEqual([key, placeholders(en[key]!)]);
      for (const key of Object.keys(en)) expect(key.startsWith(`${area}.`)).toBe(true);
    });
  }

  it('the CLI owns only these catalogs (the renderer keeps its own areas)', () => {
    for (const locale of ['en', 'zh-CN']) expect(readdirSync(join(I18N, locale)).filter((f) => f === 'cli.json' || f === 'errors.json').sort()).toEqual(['cli.json', 'errors.json']);
  });
});

describe('the locale', () => {
  it('follows --lang, then TOKENLEDGER_LANG, then LC_ALL, LC_MESSAGES and LANG; any Chinese one is zh-CN', () => {
    expect(resolveLocale(undefined, {})).toBe('en');
    expect(resolveLocale(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(resolveLocale(undefined, { LANG: 'zh_CN.UTF-8', LC_ALL: 'C.UTF-8' })).toBe('en');
    expect(resolveLocale(undefined, { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_TW' })).toBe('zh-CN');
    expect(resolveLocale(undefined, { LANG: 'zh_CN.UTF-8', TOKENLEDGER_LANG: 'en' })).toBe('en');
    expect(resolveLocale('zh-CN', { TOKENLEDGER_LANG: 'en' })).toBe('zh-CN');
    expect(resolveLocale('de', { LANG: 'zh_CN.UTF-8' })).toBe('en');
  });
});

let dir = '';
let db = '';

beforeAll(async () => {
  dir = tempDir();
  db = join(dir, 'demo.sqlite');
  expect(await runCli(['demo', '--db', db], captureIo(), {})).toBe(0);
}, 120_000);

afterAll(async () => {
  await loadI18n('en', { pseudo: false });
});

const MAIN: [string, string[]][] = [
  ['report', ['report']],
  ['report by vendor and month', ['report', '--by', 'vendor', '--bucket', 'month']],
  ['tips', ['tips']],
  ['budgets list', ['budgets', 'list']],
  ['budgets check', ['budgets', 'check']],
  ['report reconcile', ['report', 'reconcile', '--month', '2025-09']],
  ['import --dry-run', ['import', SAMPLE, '--dry-run']],
  ['imports list', ['imports', 'list']],
  ['blocks of a day', ['blocks', '--from', '2025-10-19', '--to', '2025-10-19']],
  ['report --by session (one tool)', ['report', '--by', 'session', '--tool', 'codex-log']],
  ['prices list --in-ledger', ['prices', 'list', '--in-ledger']],
  ['vendors list --region CN', ['vendors', 'list', '--region', 'CN']],
  ['plan', ['plan']],
  ['names list', ['names', 'list']],
];

/** Snapshots in Chinese only: a table that cuts long data (price sources) to fit, which the pseudo-locale check cannot take out. */
const ZH_ONLY: [string, string[]][] = [['prices show', ['prices', 'show', 'gpt-5']]];

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io, env);
  const clean = (lines: string[]) => lines.join('\n').replaceAll(dir, '<dir>').replaceAll(ROOT, '<repo>');
  return { code, stdout: clean(io.stdout), stderr: clean(io.stderr) };
}

describe('the human output in Simplified Chinese (LANG=zh_CN.UTF-8)', () => {
  const ZH = { LANG: 'zh_CN.UTF-8' };
  for (const [name, args] of [...MAIN, ...ZH_ONLY]) {
    it(name, async () => {
      const r = await run(args, ZH);
      expect(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toMatchSnapshot();
    });
  }

  it('errors: the CLI own ones translated; --json keeps English', async () => {
    expect((await run(['tips', '--month', '2025-9'], ZH)).stderr).toBe('错误：--month 需要 YYYY-MM 格式的月份，例如 2025-09（收到的是“2025-9”）。');
    expect((await run(['budgets', 'remove', 'Nope'], ZH)).stderr).toBe('错误：没有名为“Nope”的预算：`tokenledger budgets list` 会列出所有预算。');
    expect((await run(['imports', 'undo', '999'], ZH)).stderr).toBe('错误：没有导入批次 999');
    const json = await run(['tips', '--month', '2025-9', '--json'], ZH);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'VALIDATION', message: '--month expects YYYY-MM, e.g. 2025-09 (got "2025-9").' } });
  });

  it("the engine's words in Chinese: tips, the reconcile verdict, the FX basis and an error", async () => {
    const tips = await run(['tips'], ZH);
    expect(tips.stdout).toMatch(/^\* \[提示词缓存\] 缓存 \S+ 的重复提示词（.+）: 可节省 [\d,.]+ (USD|CNY)$/m);
    const rec = await run(['report', 'reconcile'], ZH);
    const verdict = (JSON.parse((await run(['report', 'reconcile', '--json'], ZH)).stdout) as { verdict: { bills: number; within: number } }).verdict;
    expect(rec.stdout).toContain(`${verdict.bills} 份账单中有 ${verdict.within} 份与估算相差在 1% 以内`);
    expect(rec.stdout).toContain('差额 = 估算 - 账单：账单高于价目表时为负，低于时为正。');
    expect((await run(['report'], ZH)).stdout).toMatch(/按每日汇率换算；\d{4}年\d{1,2}月平均 1 USD = [\d.]+ CNY/);
    expect((await run(['imports', 'undo', '999'], ZH)).stderr).toBe('错误：没有导入批次 999');
    expect(JSON.parse((await run(['imports', 'undo', '999', '--json'], ZH)).stdout)).toEqual({ error: { code: 'NOT_FOUND', message: 'No import batch 999', said: { id: 'engine.error.noBatch', values: { batch: 999 } } } });
  });

  it('fx list: the rates table and its count in Chinese', async () => {
    const r = await run(['fx', 'list', '--currency', 'CNY'], ZH);
    const rows = JSON.parse((await run(['fx', 'list', '--currency', 'CNY', '--json'], ZH)).stdout) as unknown[];
    const lines = r.stdout.split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['币种', '生效日', '每 USD', '来源', '出处']);
    expect(lines.at(-1)).toBe(`${rows.length} 个汇率`);
  });

  it('--help of every command in Chinese', async () => {
    const words = (await import('../../shared/i18n/help/zh-CN.json')).default as Record<string, string>;
    for (const entry of commands) {
      const command = await entry.load();
      expect(words[`help.${entry.name}.summary`], entry.name).toBeTruthy();
      if (command.help) expect(words[`help.${entry.name}.options`], entry.name).toBeTruthy();
      const r = await run([entry.name, '--help'], ZH);
      expect(r.stdout).toContain(words[`help.${entry.name}.summary`]!);
      expect(r.stdout).toContain('选项：');
      expect(r.stdout).not.toContain('Options:');
    }
    const main = await run(['--help'], ZH);
    expect(main.stdout.split('\n')[0]).toBe('tokenledger：记录 AI token 花费的离线账本');
    expect(main.stdout).toContain('退出码：');
  });

  it('--json is the same in every language', async () => {
    for (const [, args] of MAIN.filter(([n]) => n !== 'import --dry-run')) {
      expect((await run([...args, '--json'], ZH)).stdout).toBe((await run([...args, '--json'], {})).stdout);
    }
  });
});

/** Every string and number in a JSON answer (the command's data: names, models, ids, figures, the engine's notes). */
function dataOf(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string' && value !== '') out.add(value);
  else if (typeof value === 'number') out.add(String(value));
  else if (Array.isArray(value)) for (const v of value) dataOf(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) dataOf(v, out.add(k));
  return out;
}

describe('no word of human output outside the catalogs (pseudo-locale)', () => {
  for (const [name, args] of MAIN) {
    it(name, async () => {
      const json = await run([...args, '--json'], {});
      const data = [...dataOf(JSON.parse(json.stdout)), '<dir>', '<repo>', ROOT, dir].sort((a, b) => b.length - a.length);
      await loadI18n('en', { pseudo: true });
      let r;
      try {
        r = await run(args, {});
      } finally {
        await loadI18n('en', { pseudo: false });
      }
      expect(r.code).toBeLessThan(3);
      const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
      expect(lines.some((l) => l.includes('⟦'))).toBe(true);
      const stray = lines
        .map((line) => {
          // Messages nest (a forecast range inside "over on"): take the innermost out until none is left.
          let rest = line;
          while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
          for (const d of data) if (d.length > 1) rest = rest.replaceAll(d, ' ');
          // What may stay: figures (grouped, signed, money, percentages), ids and model-like names, punctuation.
          rest = rest.replace(/[-+]?[\d][\d,.]*/g, ' ').replace(/\b[a-z0-9]+(?:[-_.:/][a-z0-9]+)+\b/g, ' ').replace(/[^A-Za-z]+/g, ' ').trim();
          return /[A-Za-z]{2,}/.test(rest) ? `${rest}   <- ${line}` : '';
        })
        .filter(Boolean);
      expect(stray).toEqual([]);
    });
  }
});
