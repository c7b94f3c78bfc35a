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
});
