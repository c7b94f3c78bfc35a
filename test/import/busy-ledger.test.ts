/**
 * Two writers on one ledger: while another connection holds the write lock, `tokenledger import` of a
 * file large enough for the parser worker answers BUSY (its own exit code) after the busy timeout, and
 * the process exits: its worker and its connection are released.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { createEngine } from '../../electron/engine';
import { writeLargeOpenRouterCsv } from './helpers';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '..', '..');

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tokenledger.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A child that never exits fails the test by its timeout (and is killed here so it cannot linger).
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stderr });
    });
  });
}

describe('a busy ledger', () => {
  it('refuses a second import with BUSY and exits, releasing its parser worker', async () => {
    const dir = tempDir();
    const db = join(dir, 'ledger.sqlite');
    createEngine({ dbPath: db }).close();
    const big = join(dir, 'big.csv');
    writeLargeOpenRouterCsv(big, 45_000);
    expect(statSync(big).size).toBeGreaterThanOrEqual(8 * 1024 * 1024);

    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const r = await runCli(['import', big, '--db', db]);
      expect(r).toEqual({
        code: EXIT_CODES.BUSY,
        stderr: 'error: The ledger is busy: another import or another Token Ledger is writing to it. Try again when it has finished.\n',
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // Once the other writer is done, the same import goes through.
    const again = await runCli(['import', big, '--db', db]);
    expect(again).toEqual({ code: 0, stderr: '' });
  }, 120_000);
});
