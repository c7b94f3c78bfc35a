/**
 * The CLI in English and Simplified Chinese: both catalogs say the same things (keys and placeholders),
 * the main commands' human output in zh-CN as snapshots, and no word of human output that is not from a
 * catalog: in a pseudo-locale that wraps every message in ⟦ ⟧, what is left of each line once the
 * wrapped messages and the command's own data (every string and number of its --json answer) are taken
 * out has no words.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { commands } from '../../electron/cli/commands';
import { loadI18n, resolveLocale, t } from '../../electron/cli/i18n';
import { summaryLine } from '../../electron/cli/commands/agents';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { copyLedger, DEMO_CASES, READ_CASES, runCase, STEPS, writeStepFiles, type CliCase } from './cases';

const ROOT = join(import.meta.dirname, '../..');
const I18N = join(ROOT, 'shared/i18n');
const SAMPLE = join(ROOT, 'test/fixtures/exports/openai-costs.json');

describe('the catalogs', () => {
  // Ids, areas and ICU placeholders of cli.json and errors.json (every catalog file) are checked with the ICU
  // parser by test/i18n/catalogs.test.ts.
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

const ZH = { LANG: 'zh_CN.UTF-8' };

describe('the human output in Simplified Chinese (LANG=zh_CN.UTF-8)', () => {
  for (const [name, args] of [...MAIN, ...ZH_ONLY]) {
    it(name, async () => {
      const r = await run(args, ZH);
      expect(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toMatchSnapshot();
    });
  }

  const show = async (c: CliCase, ledger: string) => {
    const r = await runCase(c, ledger, dir, ZH);
    return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  };
  for (const c of READ_CASES) it(c.name, async () => expect(await show(c, db)).toMatchSnapshot());

  describe('commands that change a ledger, in order on a copy of the demo', () => {
    const copy = () => join(dir, 'steps-zh.sqlite');
    beforeAll(() => {
      copyLedger(db, copy());
      writeStepFiles(dir);
    });
    for (const c of STEPS) it(c.name, async () => expect(await show(c, copy())).toMatchSnapshot());
  });

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

/**
 * Text the CLI prints as another part wrote it, still English in every language: the engine's prose (not
 * the CLI's catalogs: the engine's own messages are moving to message ids) and Node's JSON parser's
 * message (`call` quotes it). Each is listed so that a new one is a decision, and must still occur, so
 * that the list shrinks as they move.
 */
const ENGINE_PROSE = [
  /Expected property name or '\}' in JSON at position \d+ \(line \d+ column \d+\)/,
];

/**
 * What may stay English in Chinese output, and why: what the user typed or the ledger holds (names,
 * models, files: every string of the commands' --json answers and of their arguments), commands and
 * flags as typed (`tokenledger ...`, `--flag VALUE`, a command with its subcommand, `<placeholders>` of
 * a usage line), paths, ids (with
 * `-`, `_`, `.`, `:`, `/` or `|` inside), codes and placeholders in capitals (USD, UTC, ID, YYYY-MM, FILE),
 * the names of the coding agents the CLI reads (products), lists of values as typed ("list, set, unset"),
 * and single words (units and names such as token, LiteLLM, BilledCost, Opus). What is left must hold no
 * run of two or more English words separated by spaces.
 */
function englishLeft(text: string, data: readonly string[]): string[] {
  const commands = commandsUsed.join('|');
  let rest = text;
  for (const prose of ENGINE_PROSE) rest = rest.replace(new RegExp(prose.source, 'g'), ' ');
  // The data as whole words (a name inside another word is not that name); a long text as a table cuts it.
  // Names of several words first (before the rules below cut them), every value once the rules are applied.
  const takeData = (only: (d: string) => boolean) => {
    for (const d of data.filter(only)) {
      const words = (w: string) => new RegExp(`(?<![A-Za-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`, 'g');
      if (/[A-Za-z]{2,}/.test(d)) rest = rest.replace(words(d), ' ');
      if (d.length > 60) rest = rest.replace(words(d.slice(0, 57)), ' ');
    }
  };
  takeData((d) => /[A-Za-z]{2,}\W+[A-Za-z]{2,}/.test(d));
  rest = rest
    .replace(/<[^<>]*>/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\b(?:Claude Code|Qwen Code|Roo Code|Kilo Code|Kilo CLI|Gemini CLI|Copilot CLI)\b/g, ' ')
    .replace(/tokenledger(?: (?:[a-z][\w-]*|--?[\w-]+|[A-Z][A-Z_-]+|\d+|\.\.\.))*/g, ' ')
    .replace(new RegExp(`\\b(?:${commands})(?: (?:${SUBCOMMANDS}))?\\b`, 'g'), ' ')
    .replace(/--[\w-]+(?:[ =][A-Z][A-Z_|-]*)?/g, ' ')
    .replace(/\S*\/\S*/g, ' ')
    .replace(/\b[A-Za-z0-9]+(?:[-_.:/|][A-Za-z0-9]+)+\b/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' ');
  takeData(() => true);
  return [...rest.matchAll(/[A-Za-z]{2,}(?:[ \t]+[A-Za-z]{2,})+/g)].map((m) => m[0]);
}

const commandsUsed = commands.map((c) => c.name);
/** The subcommands a command is written with ("close accept", "fx set"). */
const SUBCOMMANDS = 'list|show|history|set|unset|load|recompute|sources|import|export|undo|add|remove|check|reset|set-region|member|machine|machines|folder|sync|clear|accept|discard|focus|reconcile';

describe('no English prose left in the Chinese human output', () => {
  const data: string[] = [];
  const prose = new Set<string>();
  beforeAll(async () => {
    // The commands' data: every string of their --json answers on the demo.
    const seen = new Set<string>();
    for (const c of [...DEMO_CASES, ...READ_CASES, ...[...MAIN, ...ZH_ONLY].map(([name, args]) => ({ name, args }))]) {
      const r = await runCase({ ...c, args: [...c.args, '--json'] }, db, dir, {});
      if (r.code === 0 && r.stdout.trim().startsWith('{') || r.stdout.trim().startsWith('[')) dataOf(JSON.parse(r.stdout), seen);
    }
    data.push(...[...seen].sort((a, b) => b.length - a.length));
  }, 120_000);

  const check = (c: CliCase, out: string) => {
    for (const p of ENGINE_PROSE) if (p.test(out)) prose.add(p.source);
    const typed = [...c.args, ...STEPS.flatMap((s) => s.args)].filter((a) => /[A-Za-z]{2,}/.test(a));
    return englishLeft(out, [...typed, ...data]);
  };

  it('in every command of the snapshot tests, on the demo and on a copy changed step by step', async () => {
    const left: string[] = [];
    const cases = [...DEMO_CASES, ...READ_CASES, ...MAIN.map(([name, args]) => ({ name, args })), ...ZH_ONLY.map(([name, args]) => ({ name, args }))];
    for (const c of cases) {
      const r = await runCase(c, db, dir, ZH);
      for (const words of check(c, `${r.stdout}\n${r.stderr}`)) left.push(`${c.name}: ${words}`);
    }
    const copy = join(dir, 'steps-english.sqlite');
    copyLedger(db, copy);
    writeStepFiles(dir);
    for (const c of STEPS) {
      const r = await runCase(c, copy, dir, ZH);
      for (const words of check(c, `${r.stdout}\n${r.stderr}`)) left.push(`${c.name}: ${words}`);
    }
    for (const entry of commands) {
      const r = await runCase({ name: `${entry.name} --help`, args: [entry.name, '--help'] }, db, dir, ZH);
      for (const words of check({ name: entry.name, args: [] }, r.stdout)) left.push(`${entry.name} --help: ${words}`);
    }
    expect(left).toEqual([]);
    // The engine's prose listed above still occurs (remove an entry once its text comes from a catalog).
    expect([...prose].sort()).toEqual(ENGINE_PROSE.map((p) => p.source).sort());
  }, 240_000);

  it("in watch's live line and the import prompt (watch runs until stopped: its line is said here directly)", async () => {
    const status = { watching: true, folders: ['/a', '/b'], imports: 3, newFacts: 1, lastImportAt: '2025-10-20T14:59:58.000Z', lastError: 'EACCES: permission denied' };
    try {
      await loadI18n('zh-CN');
      expect(summaryLine(status, 12345)).toBe('正在监视 2 个文件夹：导入 3 次，新增 1 次调用，最近一次导入于 14:59:58 UTC；账本中共 12,345 条记录；最近的错误：EACCES: permission denied');
      expect(englishLeft(summaryLine({ ...status, lastError: null }, 0), [])).toEqual([]);
      expect(englishLeft(t('cli.agents.confirm'), [])).toEqual([]);
      await loadI18n('en');
      expect(summaryLine(status, 12345)).toBe('Watching 2 folders: 3 imports, 1 new call, last import 14:59:58 UTC; 12,345 facts in the ledger; last error: EACCES: permission denied');
      expect(t('cli.agents.confirm')).toBe('Import them? [y/N] ');
    } finally {
      await loadI18n('en', { pseudo: false });
    }
  });

  it('finds English left in a line', () => {
    expect(englishLeft('已导入 3 个文件：new rows were skipped', [])).toEqual(['new rows were skipped']);
    expect(englishLeft('用 `tokenledger close accept` 或 close discard，--month YYYY-MM，<dir>/a b.csv，gpt-4o-mini，USD 1.2 token', [])).toEqual([]);
    expect(englishLeft('项目 Support bot 888', ['Support bot'])).toEqual([]);
  });
});
