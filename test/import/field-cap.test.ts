/**
 * Fields longer than the ledger reads (64 KiB): a row error naming the file, line and column under the
 * usual abort / skip choice, the rest of the file read on; the long field is never held whole, never stored.
 */
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { runCli } from '../../electron/cli/main';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const HEADER = 'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,custom_llm_provider,status';
const row = (id: string, status: string) => `${id},acompletion,k,1.5,15,10,5,2025-09-01T09:00:00Z,2025-09-01T09:00:01Z,gpt-4o-2024-08-06,openai,${status}`;

function ledger() {
  const dir = tempDir();
  const db = join(dir, 'ledger.sqlite');
  const cli = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli([...args, '--db', db], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  return { dir, db, cli };
}

const MESSAGE = 'the field is longer than 64 KiB (the most the ledger reads)';

describe('a field longer than the ledger reads', () => {
  it('a 10 MB quoted field over two lines: a row error naming line and column; skip keeps the other rows and stores nothing of it', async () => {
    const l = ledger();
    const file = join(l.dir, 'spend.csv');
    writeFileSync(file, [HEADER, row('r1', 'success'), row('r2', `"${'x'.repeat(10 * 1024 * 1024)}\nmore"`), row('r3', 'success')].join('\n') + '\n');
    const abort = await l.cli('import', file);
    expect(abort.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(abort.err).toBe(`error: 1 row cannot be read; nothing was imported. First: ${file} line 3, status: ${MESSAGE}`);
    const skip = await l.cli('import', file, '--on-error', 'skip');
    expect(skip.code).toBe(0);
    expect(skip.out.split('\n').at(-1)).toBe('Imported 1 file: 2 new, 0 duplicate, 0 revised, 0 skipped, 1 with errors');
    // The ledger grew by its own pages, not by the field (10 MB became 70 MB before the cap; an empty ledger is 1.3 MB).
    expect(statSync(l.db).size).toBeLessThan(4 * 1024 * 1024);
  });

  it('a single line of 24 MB: the row error, then the next line is read with its own line number', async () => {
    const l = ledger();
    const file = join(l.dir, 'one-line.csv');
    const fd = openSync(file, 'w');
    writeSync(fd, `${HEADER}\n${row('r1', 'success')}\n${row('r2', '')}`);
    const block = 'y'.repeat(1024 * 1024);
    for (let i = 0; i < 24; i++) writeSync(fd, block);
    writeSync(fd, `\n${row('r3', 'success')}\n${row('r4', 'x'.repeat(70_000))}\n`);
    closeSync(fd);
    const r = await l.cli('import', file, '--on-error', 'skip');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`line 3, status: ${MESSAGE}`);
    expect(r.out).toContain(`line 5, status: ${MESSAGE}`);
    expect(r.out.split('\n').at(-1)).toBe('Imported 1 file: 2 new, 0 duplicate, 0 revised, 0 skipped, 2 with errors');
  });
});
