/**
 * A contract input the user typed wrong, said in the user's language: `tokenledger call` with a malformed
 * JSON input, and a command whose flags fill a field the contract refuses, on a real ledger file. Under
 * zh-CN the method, each field and its reason are Chinese; `--json` keeps zod's English text and adds the
 * message id with its values.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { EXIT_CODES } from '../../shared/contract/errors';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

let db: string;

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io, env);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

beforeAll(() => {
  db = join(tempDir(), 'ledger.sqlite');
});

const BAD = ['call', 'report.totals', '{"from":"yesterday","colour":1}'];

describe('an invalid contract input in Chinese', () => {
  it('`call` under TOKENLEDGER_LANG=zh-CN: the method, each field and its reason in Chinese; exit 3', async () => {
    const r = await run(BAD, { TOKENLEDGER_LANG: 'zh-CN' });
    expect(r.code).toBe(EXIT_CODES.VALIDATION);
    expect(r.stderr).toBe('错误：report.totals 的输入无效：from：应为 YYYY-MM-DD 格式的日期；输入：未知字段（1 个）："colour"');
  });

  it('`call` in English names the same field and reasons', async () => {
    const r = await run(BAD, { LANG: 'en_US.UTF-8' });
    expect(r.stderr).toBe('error: Invalid input for report.totals: from: expected a day as YYYY-MM-DD; (input): unknown field "colour"');
  });

  it('--json under zh-CN keeps zod’s English message and adds the said, per issue too', async () => {
    const r = await run([...BAD, '--json'], { TOKENLEDGER_LANG: 'zh-CN' });
    const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string; said: unknown; details: unknown } };
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Invalid input for report.totals: from: expected a day as YYYY-MM-DD; (input): Unrecognized key: "colour"');
    const day = { id: 'engine.error.input.day' };
    const unknown = { id: 'engine.error.input.unknownKeys', values: { n: 1, keys: '"colour"' } };
    expect(error.said).toEqual({
      id: 'engine.error.invalidInput',
      values: {
        method: 'report.totals',
        issues: { list: [{ id: 'engine.error.input.issue', values: { path: 'from', reason: day } }, { id: 'engine.error.input.whole', values: { reason: unknown } }] },
      },
    });
    expect(error.details).toEqual({
      issues: [
        { path: 'from', message: 'expected a day as YYYY-MM-DD', said: day },
        { path: '(input)', message: 'Unrecognized key: "colour"', said: unknown },
      ],
    });
  });

  it('a command’s flags: the same reasons, said against the flag and the value given', async () => {
    const r = await run(['budgets', 'add', '--name', 'Team', '--amount', '0', '--currency', 'USD', '--tz', 'UTC', '--webhook', 'ftp://x'], { TOKENLEDGER_LANG: 'zh-CN' });
    expect(r.code).toBe(EXIT_CODES.VALIDATION);
    expect(r.stderr).toBe('错误：--amount“0”：金额必须大于 0；--webhook“ftp://x”：webhook 必须是 http(s) 网址。运行 `tokenledger budgets --help` 查看其选项。');
    const en = await run(['budgets', 'add', '--name', 'Team', '--amount', '0', '--currency', 'USD', '--tz', 'UTC', '--webhook', 'ftp://x'], {});
    expect(en.stderr).toBe('error: --amount "0": the amount must be more than 0; --webhook "ftp://x": the webhook must be an http(s) URL. Run `tokenledger budgets --help` for its options.');
  });
});
