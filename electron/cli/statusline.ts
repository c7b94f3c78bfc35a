/**
 * `tokenledger statusline` without the rest of the CLI: Claude Code runs it after every message, so
 * bin/tokenledger.mjs starts this small bundle (out/cli/statusline.mjs, built on its own by
 * scripts/cli-bundle.mjs) before the CLI's. It answers from the engine's status-line door (its kept
 * figures, else the same figures as the full command) and says `false` when the full CLI must answer
 * instead: other flags, no ledger yet, a ledger to migrate. It decides that before reading stdin, which
 * the full CLI then reads.
 */
import { fstatSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError, EXIT_CODES } from '../../shared/contract/errors';
import { defaultDbPath, quickStatusLine } from '../engine/statusline';
import { fill, statusWords } from '../../shared/i18n/statusline';
import { CliError } from './cli-error';
import { resolveLocale } from './locale';
import { statusInput } from './status-input';

/** The ledger named by `--db PATH` / `--db=PATH` (or the default one); null for any other arguments. */
function dbPathOf(args: readonly string[]): string | null {
  if (args.length === 0) return defaultDbPath();
  if (args.length === 2 && args[0] === '--db' && args[1]) return resolve(args[1]);
  if (args.length === 1 && args[0]!.startsWith('--db=') && args[0]!.length > 5) return resolve(args[0]!.slice(5));
  return null;
}

/**
 * Claude Code pipes its JSON and closes the pipe: read at once (process.stdin's stream costs milliseconds to
 * set up). A terminal (or /dev/null) has nothing to wait for; fstat tells it apart without node:tty's isatty,
 * whose module loads node:net and the streams (a fifth of the line's start).
 */
function stdinIsDevice(): boolean {
  try {
    return fstatSync(0).isCharacterDevice();
  } catch {
    return true;
  }
}

async function readStdin(): Promise<string> {
  if (stdinIsDevice()) return '';
  try {
    return readFileSync(0, 'utf8');
  } catch {
    // A non-blocking descriptor (EAGAIN): read it as a stream.
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** Written at once: process.stdout's stream, like stdin's, costs milliseconds to set up. */
function writeOut(text: string): void {
  try {
    writeSync(1, text);
  } catch {
    process.stdout.write(text);
  }
}

/** Answers `statusline <args>` and sets the exit code; false (nothing read or printed) when the full CLI must. */
export async function runQuickStatusLine(args: readonly string[]): Promise<boolean> {
  const dbPath = dbPathOf(args);
  if (dbPath === null) return false;
  // In the user's language (TOKENLEDGER_LANG, else the system's); `--lang` goes to the full CLI.
  const words = statusWords(resolveLocale(undefined));
  try {
    const answer = await quickStatusLine(dbPath, async () => statusInput(await readStdin()), process.env, words);
    if (!answer) return false;
    writeOut(`${answer.line}\n`);
    process.exitCode = 0;
  } catch (err) {
    // The full CLI's words for the same failure (reportError in main.ts), from the small catalog.
    const message = err instanceof CliError && err.id === 'errors.statusline.badInput' ? fill(words['statusline.badInput'], err.values) : (err as Error).message;
    process.stderr.write(`${fill(words['statusline.error'], { message })}\n`);
    process.exitCode = err instanceof ApiError ? EXIT_CODES[err.code] : EXIT_CODES.INTERNAL;
  }
  return true;
}
