/**
 * Amounts the ledger cannot carry. Every report sums nano-units in SQLite, whose SUM fails past 2^63-1:
 * an import refuses, naming the file, line and field, the amount that would make a sum overflow, so
 * that a report never fails on what an import accepted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { runCli } from '../../electron/cli/main';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const HEADER = 'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,custom_llm_provider,status';
const row = (id: string, spend: string, day: string) => `${id},acompletion,k,${spend},15,10,5,${day}T09:00:00Z,${day}T09:00:01Z,gpt-4o-2024-08-06,openai,success`;

function ledger() {
  const dir = tempDir();
  const db = join(dir, 'ledger.sqlite');
  const write = (name: string, rows: string[]) => {
    const p = join(dir, name);
    writeFileSync(p, [HEADER, ...rows].join('\n') + '\n');
    return p;
  };
  const cli = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli([...args, '--db', db], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  return { write, cli };
}

const LIMIT = '9223372036.854775807';

describe('amounts past what the ledger can sum', () => {
  it('refuses the second of two 9e9 USD rows, and every report still answers', async () => {
    const l = ledger();
    expect((await l.cli('import', l.write('a.csv', [row('r1', '9000000000', '2025-09-01')]))).code).toBe(0);
    const b = l.write('b.csv', [row('r2', '9000000000', '2025-09-02')]);
    const r = await l.cli('import', b);
    expect(r.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(r.err).toBe(
      `error: 1 row cannot be read; nothing was imported. First: ${b} line 2, recorded cost: 9000000000.000000 USD would bring the ledger's USD amounts past what it can carry (at most ${LIMIT} USD in all; it holds 9000000000.000000 USD)`,
    );
    const json = await l.cli('report', '--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as { factCount: number }).factCount).toBe(1);
    const byModel = await l.cli('report', '--by', 'model');
    expect(byModel.code).toBe(0);
    expect(byModel.out).toMatch(/^TOTAL +9,000,000,000.00 +9,000,000,000.00 USD/m);
    expect((await l.cli('tips')).code).toBe(0);
  });

  it('refuses one amount larger than the ledger can carry, naming file, line and field', async () => {
    const l = ledger();
    const c = l.write('c.csv', [row('r1', '1.5', '2025-09-01'), row('r2', '99000000000', '2025-09-01')]);
    const r = await l.cli('import', c);
    expect(r.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(r.err).toBe(
      `error: 1 row cannot be read; nothing was imported. First: ${c} line 3, recorded cost: 99000000000.000000 USD is more than the ledger can carry (at most ${LIMIT} USD in all)`,
    );
  });

  it('with --on-error skip keeps the other rows and reports the refused one', async () => {
    const l = ledger();
    const c = l.write('c.csv', [row('r1', '1.5', '2025-09-01'), row('r2', '99000000000', '2025-09-01')]);
    const r = await l.cli('import', c, '--on-error', 'skip');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 new, 0 duplicate, 0 revised, 0 skipped, 1 with errors');
    const json = JSON.parse((await l.cli('report', '--json')).out) as { factCount: number };
    expect(json.factCount).toBe(1);
    expect((await l.cli('tips')).code).toBe(0);
  });

  it('counts every fact kept before the one that crosses the limit, in chunks that fit whole and one that does not', async () => {
    const l = ledger();
    expect((await l.cli('import', l.write('a.csv', [row('r0', '9223000000', '2025-09-01')]))).code).toBe(0);
    // 372,036.85 USD left: 800 rows of 500 USD, of which the first 744 fit (372,000 USD; the first chunks
    // fit whole), and the 745th (line 746) does not.
    const b = l.write('b.csv', Array.from({ length: 800 }, (_, i) => row(`s${i}`, '500', '2025-09-02')));
    const r = await l.cli('import', b, '--on-error', 'skip');
    expect(r.code).toBe(0);
    expect(r.out).toContain('744 new, 0 duplicate, 0 revised, 0 skipped, 56 with errors');
    const c = l.write('c.csv', Array.from({ length: 800 }, (_, i) => row(`c${i}`, '0.05', '2025-09-03')));
    const abort = await l.cli('import', c);
    expect(abort.code).toBe(EXIT_CODES.BAD_ROWS);
    // 9,223,372,000 USD held: 36.854775807 USD left, 0.05 USD a row: 737 rows fit (the first chunk whole), the
    // 738th (line 739) is the first refused, with the 737 before it counted as held.
    expect(abort.err).toBe(
      `error: 63 rows cannot be read; nothing was imported. First: ${c} line 739, recorded cost: 0.050000 USD would bring the ledger's USD amounts past what it can carry (at most ${LIMIT} USD in all; it holds 9223372036.850000 USD)`,
    );
    expect((JSON.parse((await l.cli('report', '--json')).out) as { factCount: number }).factCount).toBe(745);
  });

  it('refuses the token counts that would bring the ledger past what it can sum, the rows before them kept', async () => {
    const l = ledger();
    // 2,048 rows of 2^52 prompt tokens (a model without a price: no estimate): 2,047 of them (and their
    // requests) stay under 2^63-1, the last would not.
    const big = 2 ** 52;
    const rows = Array.from({ length: 2048 }, (_, i) => `t${i},acompletion,k,0.01,${big},${big},0,2025-09-01T09:${String(i % 60).padStart(2, '0')}:00Z,2025-09-01T09:${String(i % 60).padStart(2, '0')}:01Z,in-house-model,openai,success`);
    const r = await l.cli('import', l.write('t.csv', rows), '--on-error', 'skip');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2,047 new, 0 duplicate, 0 revised, 0 skipped, 1 with errors');
    const json = JSON.parse((await l.cli('report', '--json')).out) as { factCount: number };
    expect(json.factCount).toBe(2047);
    expect((await l.cli('report', '--by', 'model')).code).toBe(0);
  });

  it('counts the tokens of every fact kept, in chunks that fit whole and one that does not', async () => {
    const l = ledger();
    const big = 2 ** 52;
    const at = (i: number) => `2025-09-01T09:${String(i % 60).padStart(2, '0')}:00Z,2025-09-01T09:${String(i % 60).padStart(2, '0')}:01Z`;
    const first = Array.from({ length: 2047 }, (_, i) => `t${i},acompletion,k,0.01,${big},${big},0,${at(i)},in-house-model,openai,success`);
    expect((await l.cli('import', l.write('t.csv', first))).code).toBe(0);
    // Held: 2,047 x (2^52 tokens + 1 request); left: 2^52 - 2,048. Rows of 5e12 tokens and a request: 900 fit.
    const rows = Array.from({ length: 1000 }, (_, i) => `u${i},acompletion,k,0.01,5000000000000,5000000000000,0,${at(i)},in-house-model,openai,success`);
    const r = await l.cli('import', l.write('u.csv', rows), '--on-error', 'skip');
    expect(r.code).toBe(0);
    expect(r.out).toContain('900 new, 0 duplicate, 0 revised, 0 skipped, 100 with errors');
  });
});
