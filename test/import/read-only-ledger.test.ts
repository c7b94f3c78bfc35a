/**
 * Ledgers this user may not write, another application's database and folders it may not read, through
 * `tokenledger` as a user would run it. As root every file is writable, so the CLI then runs as the
 * unprivileged 'nobody' (setpriv): the permissions below are the ones SQLite and the walk really meet.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { runCli as runCliInProcess } from '../../electron/cli/main';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '..', '..');
const NOBODY = 65534;

// The CLI builds its bundle (out/cli) when the sources are newer than it, and 'nobody' may not write there: run
// first after a change to the sources, every test below failed with EACCES on out/cli. Built here, as the tests' user.
beforeAll(async () => {
  const { ensureCli } = await import('../../scripts/cli-bundle.mjs');
  await ensureCli();
}, 120_000);

/** `tokenledger ...` in a child process, as an unprivileged user when the tests run as root. */
function cliAsUser(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const root = process.getuid?.() === 0;
  const cmd = [process.execPath, join(ROOT, 'bin', 'tokenledger.mjs'), ...args];
  const argv = root ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...cmd] : cmd;
  return new Promise((ok) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, out: out.trim(), err: err.trim() });
    });
  });
}

const HEADER = 'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,custom_llm_provider,status';
const csv = (id: string, spend: string, day: string) => `${HEADER}\n${id},acompletion,k,${spend},15,10,5,${day}T09:00:00Z,${day}T09:00:01Z,gpt-4o-2024-08-06,openai,success\n`;

/** A folder every user may enter, with a ledger holding one 1.50 USD row, and a second export to import. */
async function setup() {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const first = join(dir, 'first.csv');
  const second = join(dir, 'second.csv');
  writeFileSync(first, csv('r1', '1.5', '2025-09-01'));
  writeFileSync(second, csv('r2', '2.25', '2025-09-02'));
  chmodSync(first, 0o644);
  chmodSync(second, 0o644);
  const db = join(dir, 'ledger.sqlite');
  const io = captureIo();
  expect(await runCliInProcess(['import', first, '--db', db], io)).toBe(0);
  return { dir, db, second };
}

const spend = (out: string) => (JSON.parse(out) as { factCount: number }).factCount;
const readOnlyError = (db: string) =>
  `error: The ledger ${db} is read-only for this user: nothing was changed; reading it and previewing imports (--dry-run) work. Give this user write access to the file and its folder to change it.`;

describe('a ledger this user cannot write', () => {
  it('a read-only file: reports and --dry-run work, an import is refused with a clear error', async () => {
    const { db, second } = await setup();
    chmodSync(db, 0o444);
    const before = readFileSync(db);
    const report = await cliAsUser(['report', '--json', '--db', db]);
    expect(report.err).toBe('');
    expect(spend(report.out)).toBe(1);
    const dry = await cliAsUser(['import', second, '--dry-run', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.out.split('\n').at(-1)).toBe('Dry run, nothing written: 1 file: 1 new, 0 duplicate, 0 revised, 0 skipped, 0 with errors');
    const write = await cliAsUser(['import', second, '--db', db]);
    expect(write.code).toBe(EXIT_CODES.DB_UNAVAILABLE);
    expect(write.err).toBe(readOnlyError(db));
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('a ledger in a read-only folder is read, not called "not a Token Ledger database"', async () => {
    const { dir, db, second } = await setup();
    const sub = join(dir, 'locked');
    mkdirSync(sub);
    const locked = join(sub, 'ledger.sqlite');
    copyFileSync(db, locked);
    chmodSync(locked, 0o666);
    chmodSync(sub, 0o555);
    const report = await cliAsUser(['report', '--json', '--db', locked]);
    expect(report.err).toBe('');
    expect(spend(report.out)).toBe(1);
    const dry = await cliAsUser(['import', second, '--dry-run', '--db', locked]);
    expect(dry.out.split('\n').at(-1)).toBe('Dry run, nothing written: 1 file: 1 new, 0 duplicate, 0 revised, 0 skipped, 0 with errors');
    const write = await cliAsUser(['budgets', 'add', '--name', 'Team', '--amount', '500', '--currency', 'USD', '--db', locked]);
    expect(write.code).toBe(EXIT_CODES.DB_UNAVAILABLE);
    expect(write.err).toBe(readOnlyError(locked));
    chmodSync(sub, 0o755);
  });
});

describe("another application's SQLite file", () => {
  it('is refused untouched: no migration, no backup copy beside it', async () => {
    const dir = tempDir();
    const path = join(dir, 'notes.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')");
    other.close();
    const before = readFileSync(path);
    const io = captureIo();
    const code = await runCliInProcess(['report', '--db', path], io);
    expect(code).toBe(EXIT_CODES.DB_UNAVAILABLE);
    expect(io.stderr.join('\n')).toBe(`error: ${path} is not a Token Ledger database (it holds another application's tables); it was not changed.`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['notes.sqlite']);
  });
});

describe('a folder import with a subfolder this user cannot read', () => {
  it('is a row error naming the folder: abort imports nothing, skip imports the rest', async () => {
    const { dir, second } = await setup();
    const tree = join(dir, 'exports');
    mkdirSync(join(tree, 'open'), { recursive: true });
    mkdirSync(join(tree, 'private'));
    copyFileSync(second, join(tree, 'open', 'second.csv'));
    writeFileSync(join(tree, 'private', 'third.csv'), csv('r3', '3', '2025-09-03'));
    chmodSync(tree, 0o755);
    chmodSync(join(tree, 'open'), 0o755);
    chmodSync(join(tree, 'open', 'second.csv'), 0o644);
    chmodSync(join(tree, 'private'), 0o700);
    const db = join(dir, 'fresh.sqlite');
    const abort = await cliAsUser(['import', tree, '--db', db]);
    expect(abort.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(abort.err).toBe(`error: 1 row cannot be read; nothing was imported. First: ${join(tree, 'private')} line 1, (file): the folder cannot be read: permission denied`);
    const skip = await cliAsUser(['import', tree, '--on-error', 'skip', '--db', db]);
    expect(skip.code).toBe(0);
    expect(skip.out.split('\n').at(-1)).toBe('Imported 2 files: 1 new, 0 duplicate, 0 revised, 0 skipped, 1 with errors');
    expect(existsSync(db)).toBe(true);
  });
});
