/**
 * What people read in a terminal: the human output of every command on the generated demo, as snapshots
 * (money to the cent, aligned tables, help with examples and exit codes, errors that name the flag).
 * The suite's clock is fixed, so the demo and every figure are the same on every run; ledger paths are
 * written as <dir>.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { commands } from '../../electron/cli/commands';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { copyLedger, DEMO_CASES, READ_CASES, runCase, STEPS, writeStepFiles, type CliCase } from './cases';

const ROOT = join(import.meta.dirname, '../..');

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
  const cases = DEMO_CASES.map((c): [string, string[]] => [c.name, c.args]);
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

describe('the human output of the other commands', () => {
  const show = async (c: CliCase, ledger: string) => {
    const r = await runCase(c, ledger, dir, {});
    return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  };
  for (const c of READ_CASES) it(c.name, async () => expect(await show(c, db)).toMatchSnapshot());

  describe('commands that change a ledger, in order on a copy of the demo', () => {
    const copy = () => join(dir, 'steps.sqlite');
    beforeAll(() => {
      copyLedger(db, copy());
      writeStepFiles(dir);
    });
    for (const c of STEPS) it(c.name, async () => expect(await show(c, copy())).toMatchSnapshot());
  });
});

describe('a sum in several currencies', () => {
  it('leaves out a currency at zero: the no-vendor credit row of the sample exports reads -0.79 USD, not 0.00 CNY + -0.79 USD', async () => {
    const exports = join(ROOT, 'test/fixtures/exports');
    const ledger = join(tempDir(), 'samples.sqlite');
    const files = readdirSync(exports).filter((f) => /\.(csv|json|jsonl)$/.test(f)).map((f) => join(exports, f));
    expect(await runCli(['import', ...files, '--on-error', 'skip', '--db', ledger], captureIo(), {})).toBe(0);
    const io = captureIo();
    expect(await runCli(['report', '--by', 'vendor', '--month', '2025-09', '--db', ledger], io, {})).toBe(0);
    const rows = io.stdout.join('\n').split('\n');
    expect(rows.find((r) => r.startsWith('(none)'))).toMatch(/^\(none\) +-0\.79 +-0\.79 USD +0 +0$/);
    // A vendor with amounts in both currencies still shows both.
    expect(rows.find((r) => r.startsWith('deepseek'))).toMatch(/ [\d,.]+ CNY \+ [\d.]+ USD /);
  }, 60_000);
});

describe('a closed pipe', () => {
  it('`tokenledger demo | head -1` prints one line and exits 0, without a stack trace', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `npx --no-install tokenledger demo --db "${join(tempDir(), 'd.sqlite')}" | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Loaded \d+ demo files into .*d\.sqlite\n$/);
    expect(r.status).toBe(0);
  }, 120_000);
});
