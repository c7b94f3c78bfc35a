/**
 * Import errors in the user's language: a real export with one mistyped cell (test/fixtures/bad-input/,
 * "51O04" with a letter O in tokens_prompt on line 3) imported into a real ledger file through the CLI.
 * Under zh-CN (TOKENLEDGER_LANG or LANG) the error is Chinese and still names the file, the line and the
 * field; `--json` keeps the English text and adds the message id with its values; nothing is imported.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'bad-input', 'openrouter-activity-bad-cell.csv');

let dir: string;
let db: string;
let bad: string;

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io, env);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

beforeAll(() => {
  dir = tempDir();
  db = join(dir, 'ledger.sqlite');
  bad = join(dir, 'activity.csv');
  copyFileSync(FIXTURE, bad);
});

describe('an import error in Chinese', () => {
  const chinese = () => `错误：有 1 行无法读取，未导入任何数据。第一处：${bad} 第 3 行，tokens_prompt：tokens_prompt 不是整数："51O04"`;

  it('TOKENLEDGER_LANG=zh-CN: the bad row in Chinese, with file, line and field; exit 8; the ledger keeps nothing', async () => {
    const r = await run(['import', bad], { TOKENLEDGER_LANG: 'zh-CN' });
    expect(r.code).toBe(8);
    expect(r.stderr).toBe(chinese());
    expect(JSON.parse((await run(['imports', 'list', '--all', '--json'], {})).stdout)).toEqual([]);
  });

  it('LANG=zh_CN.UTF-8 says the same', async () => {
    const r = await run(['import', bad], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(8);
    expect(r.stderr).toBe(chinese());
  });

  it('in English without a Chinese locale, as before', async () => {
    const r = await run(['import', bad], { LANG: 'en_US.UTF-8' });
    expect(r.stderr).toBe(`error: 1 row cannot be read; nothing was imported. First: ${bad} line 3, tokens_prompt: tokens_prompt is not a whole number: "51O04"`);
  });

  it('--json under zh-CN: the English text, and the message id with its values', async () => {
    const r = await run(['import', bad, '--json'], { TOKENLEDGER_LANG: 'zh-CN' });
    expect(r.code).toBe(8);
    const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string; said: unknown; details: { rows: { message: string; said: unknown }[] } } };
    expect(error.code).toBe('BAD_ROWS');
    expect(error.message).toBe(`1 row cannot be read; nothing was imported. First: ${bad} line 3, tokens_prompt: tokens_prompt is not a whole number: "51O04"`);
    const reason = { id: 'engine.row.notWholeQuoted', values: { field: 'tokens_prompt', value: '51O04' } };
    expect(error.said).toEqual({ id: 'engine.error.badRows', values: { total: 1, file: bad, line: 3, field: 'tokens_prompt', reason } });
    expect(error.details.rows).toEqual([{ file: bad, line: 3, field: 'tokens_prompt', message: 'tokens_prompt is not a whole number: "51O04"', said: reason }]);
  });

  it('a preview lists the bad row in Chinese under its file', async () => {
    const r = await run(['import', bad, '--dry-run'], { TOKENLEDGER_LANG: 'zh-CN' });
    expect(r.stdout).toContain('  第 3 行，tokens_prompt：tokens_prompt 不是整数："51O04"');
  });

  it('a file of no known format is refused in Chinese, naming the closest format and what it lacks', async () => {
    const r = await run(['import', FIXTURE.replace('bad-input/openrouter-activity-bad-cell.csv', 'expected-totals.json')], { TOKENLEDGER_LANG: 'zh-CN' });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/^错误：.*expected-totals\.json：不是已知的导出格式/);
  });
});
