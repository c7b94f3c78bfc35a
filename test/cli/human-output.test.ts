/**
 * What people read in a terminal: the human output of every command on the generated demo, as snapshots
 * (money to the cent, aligned tables, help with examples and exit codes, errors that name the flag).
 * The suite's clock is fixed, so the demo and every figure are the same on every run; ledger paths are
 * written as <dir>.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { commands } from '../../electron/cli/commands';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'test/fixtures/exports/openai-costs.json');

let dir = '';
let db = '';

async function human(...args: string[]) {
  const io = captureIo();
  // No locale variables: English, whatever the machine's LANG.
  const code = await runCli([...args.map((a) => a.replace('<dir>', dir)), ...(args.includes('--help') ? [] : ['--db', db])], io, {});
  const clean = (s: string[]) => s.join('\n').replaceAll(dir, '<dir>').replaceAll(ROOT, '<repo>').replace(/\/tmp\/tokenledger-demo-\w+/g, '<demo files>');
  return `exit ${code}\n--- stdout\n${clean(io.stdout)}\n--- stderr\n${clean(io.stderr)}`;
}

beforeAll(async () => {
  dir = tempDir();
  db = join(dir, 'demo.sqlite');
  expect(await runCli(['demo', '--db', db], captureIo())).toBe(0);
}, 120_000);

describe('the human output of each command on the demo', () => {
  const cases: [string, string[]][] = [
    ['report', ['report']],
    ['report by vendor and month', ['report', '--by', 'vendor', '--bucket', 'month']],
    ['report reconcile', ['report', 'reconcile', '--month', '2025-09']],
    ['tips', ['tips']],
    ['tips of a month', ['tips', '--month', '2025-09']],
    ['budgets with the old --at flag: a hint on stderr', ['budgets', 'list', '--at', '2025-09-30T23:59:59Z']],
    ['report of a month', ['report', '--month', '2025-09']],
    ['budgets as of the end of a month', ['budgets', 'list', '--month', '2025-09']],
    ['budgets list', ['budgets', 'list']],
    ['budgets check', ['budgets', 'check']],
    ['prices show', ['prices', 'show', 'deepseek-chat']],
    ['prices list in the ledger', ['prices', 'list', '--in-ledger']],
    ['vendors list', ['vendors', 'list', '--region', 'CN']],
    ['names list', ['names', 'list']],
    ['imports list', ['imports', 'list']],
    ['import dry run', ['import', SAMPLE, '--dry-run']],
    ['review pack', ['review', '--month', '2025-09', '--out', '<dir>/review']],
    ['review without --out', ['review', '--month', '2025-09']],
    ['demo again', ['demo']],
    ['an unknown option', ['report', '--colour']],
    ['a flag without its value', ['tips', '--month']],
    ['a bad day', ['report', '--from', '2025-13-01']],
    ['a bad month', ['tips', '--month', '2025-9']],
    ['a month and days together', ['report', '--month', '2025-09', '--to', '2025-09-10']],
    ['days the wrong way round', ['export', 'focus', '--out', 'x.csv', '--from', '2025-09-30', '--to', '2025-09-01']],
    ['days where a month is taken', ['tips', '--from', '2025-09-01']],
    ['an old flag and its new name together', ['tips', '--period', '2025-09', '--month', '2025-10']],
    ['an unknown budget', ['budgets', 'remove', 'Nope']],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      expect(await human(...args)).toMatchSnapshot();
    });
  }

  it('help: the command list with every exit code', async () => {
    expect(await human('--help')).toMatchSnapshot();
  });

  for (const c of commands) {
    it(`help of ${c.name}, with examples`, async () => {
      const out = await human(c.name, '--help');
      expect(out).toContain('Examples:\n  tokenledger ');
      expect(out).toMatchSnapshot();
    });
  }
});

describe('a closed pipe', () => {
  it('`tokenledger demo | head -1` prints one line and exits 0, without a stack trace', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `npx --no-install tokenledger demo --db "${join(tempDir(), 'd.sqlite')}" | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Loaded \d+ demo files into .*d\.sqlite\n$/);
    expect(r.status).toBe(0);
  }, 120_000);
});
