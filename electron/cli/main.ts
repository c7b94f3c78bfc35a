/**
 * `tokenledger`: the engine from a terminal. Each subcommand is a module in ./commands, talking to
 * the engine only through the contract. Exit codes: 0 ok; 1 and 2 for `budgets check`; errors by
 * kind from EXIT_CODES (shared/contract/errors.ts), listed in --help. The engine is imported only once a
 * command runs, so `--help` and argument errors never load it (the built CLI keeps it in a chunk of its own).
 */
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ApiError, EXIT_CODES } from '../../shared/contract/errors';
import { createClient, type ApiClient } from '../../shared/contract/client';
import type { Engine } from '../engine';
import { COMMON_HELP, COMMON_OPTIONS, type CliIo, type Command, type CommandContext, type CommandEntry } from './command';
import { commands } from './commands';
import { argumentError, CliError, flagError } from './errors';
import { EXAMPLES } from './examples';
import { loadI18n, resolveLocale, say, t, type Locale } from './i18n';
import type { Said } from '../../shared/i18n/said';

/** Set once the reader of stdout has gone (`tokenledger demo | head -1`): the rest of the output is dropped. */
let stdoutClosed = false;
/**
 * Output is written straight to the descriptor: process.stdout's stream loads node:stream and node:net (for a
 * pipe), a tenth of a short command's start. Once a write would block (a non-blocking pipe), that write's
 * rest and all that follows go through the stream, in order. Not on Windows, whose console wants the stream's
 * conversion of the text.
 */
let stdoutStream = process.platform === 'win32';

function useStdoutStream(): void {
  stdoutStream = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
}
if (stdoutStream) useStdoutStream();

function writeStdout(text: string): void {
  if (stdoutClosed) return;
  if (!stdoutStream) {
    const bytes = Buffer.from(text);
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(1, bytes, done);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        stdoutClosed = true;
        return;
      }
      if (code !== 'EAGAIN') throw err;
      useStdoutStream();
      process.stdout.write(bytes.subarray(done));
      return;
    }
  }
  process.stdout.write(text);
}

/** How long a command waits, at most, for the webhooks of the alerts it fired. */
const WEBHOOK_WAIT_MS = 15_000;

const stdio: CliIo = {
  out: (t) => writeStdout(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** Exit codes, by what went wrong (EXIT_CODES), as --help lists them. */
const EXIT_HELP = `Exit codes:
  0   done
  1   budgets check: a budget is over its amount
  2   budgets check: a budget is forecast to go over
  3   a flag or an input is not valid
  4   call: no such method
  5   not found (a batch, a budget, a model...)
  6   conflict (a name in use, rows another import revised)
  7   a file no importer recognises, or one several claim
  8   rows that cannot be read, or the import was cancelled
  9   the ledger file is from a newer Token Ledger
  10  the ledger file cannot be opened
  11  another import is writing to the ledger: try again
  70  an internal error (please report it)`;

/**
 * The help's words in another language than English (shared/i18n/help/<locale>.json, plain text, not ICU; English is the text
 * in the commands themselves). Plain strings, no FormatJS: `--help` stays as fast as before.
 */
export type HelpWords = Record<string, string> | null;

export async function helpWords(locale: Locale): Promise<HelpWords> {
  return locale === 'zh-CN' ? (await import('../../shared/i18n/help/zh-CN.json')).default : null;
}

const word = (words: HelpWords, key: string, english: string) => words?.[key] ?? english;

export function mainHelp(words: HelpWords = null): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    word(words, 'help.title', 'tokenledger: one offline ledger for what AI tokens cost you'),
    '',
    word(words, 'help.usage', 'Usage: tokenledger <command> [options]'),
    '',
    word(words, 'help.commands', 'Commands:'),
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${word(words, `help.${c.name}.summary`, c.summary)}`),
    '',
    word(words, 'help.commonTitle', 'Options for every command:'),
    word(words, 'help.common', COMMON_HELP),
    '',
    word(words, 'help.exit', EXIT_HELP),
    '',
    word(words, 'help.footer', 'Run `tokenledger <command> --help` for the options and examples of one command.'),
  ].join('\n');
}

export function commandHelp(entry: CommandEntry, c: Command, words: HelpWords = null): string {
  const examples = EXAMPLES[entry.name] ?? [];
  const options = c.help === undefined ? undefined : word(words, `help.${entry.name}.options`, c.help).replace(/\{(\w+)\}/g, (m, k: string) => c.helpValues?.[k] ?? m);
  return [
    `${word(words, 'help.usageLine', 'Usage: tokenledger ')}${word(words, `help.${entry.name}.usage`, c.usage)}`,
    '',
    word(words, `help.${entry.name}.summary`, entry.summary),
    '',
    word(words, 'help.options', 'Options:'),
    ...(options ? [options] : []),
    word(words, 'help.common', COMMON_HELP),
    ...(examples.length ? ['', word(words, 'help.examples', 'Examples:'), ...examples.map((e, i) => `  ${word(words, `help.${entry.name}.example.${i}`, e)}`)] : []),
    '',
    word(words, 'help.cmdExit', 'Exit codes: 0 done, 3 a flag is not valid, 5 not found; `tokenledger --help` lists them all.'),
  ].join('\n');
}

/**
 * An error for the terminal, in the user's language: the CLI's own errors and the engine's said ones from
 * the catalogs. Under --json the English text is kept, and an engine error said as a catalog id adds its
 * `said` (the id and values), as every other engine text does.
 */
async function reportError(io: CliIo, json: boolean, locale: Locale, err: unknown): Promise<number> {
  const shape: { code: ApiError['code']; message: string; details?: unknown; said?: Said } =
    err instanceof ApiError ? { code: err.code, message: err.message, details: err.details } : (await import('../engine')).toErrorShape(err);
  const said = err instanceof ApiError ? err.said : shape.said;
  delete shape.said;
  await loadI18n(json ? 'en' : locale);
  if (err instanceof CliError) shape.message = t(err.id, err.values);
  else if (!json && said) shape.message = say(said);
  if (json && said && !(err instanceof CliError)) shape.said = said;
  if (json) io.out(JSON.stringify({ error: shape }, null, 2));
  else io.err(t('cli.error', { message: shape.message }));
  return EXIT_CODES[shape.code];
}

/** `--lang L` or `--lang=L` as typed, read before the flags are parsed (an argument error is said in it too). */
function langFlag(args: string[]): string | undefined {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return undefined;
  return args[i]!.startsWith('--lang=') ? args[i]!.slice('--lang='.length) : args[i + 1];
}

/** Old flags a command still reads for one release: moved to their new name, each with its hint on stderr. */
async function applyDeprecated(command: Command, values: Record<string, unknown>, io: CliIo, locale: Locale): Promise<void> {
  for (const [old, { use, renameTo }] of Object.entries(command.deprecated ?? {})) {
    if (values[old] === undefined) continue;
    if (renameTo !== undefined) {
      if (values[renameTo] !== undefined) throw new CliError('errors.deprecated.both', { old: `--${old}`, use: `--${renameTo}` });
      values[renameTo] = values[old];
      delete values[old];
    }
    await loadI18n(locale);
    io.err(t('cli.deprecated.hint', { old: `--${old}`, use }));
  }
}

export async function runCli(argv: string[], io: CliIo = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  const locale = resolveLocale(langFlag(rest), env);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp(await helpWords(locale)));
    return name ? 0 : 3;
  }
  if (name === '--version' || name === '-v') {
    io.out('0.1.0');
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  const wantsJson = rest.includes('--json');
  if (!entry) {
    return await reportError(io, wantsJson, locale, new CliError('errors.args.unknownCommand', { name }));
  }
  const command = await entry.load();
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    return await reportError(io, wantsJson, locale, argumentError(entry.name, err));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    io.out(commandHelp(entry, command, await helpWords(locale)));
    return 0;
  }
  try {
    await applyDeprecated(command, values, io, locale);
  } catch (err) {
    return await reportError(io, wantsJson, locale, err);
  }
  // Human output is said in the user's language; --json loads no catalog.
  if (values.json !== true && !command.noCatalog) await loadI18n(locale);
  const { createEngine, defaultDbPath, demoDbPath } = await import('../engine');
  const dbPath = typeof values.db === 'string' ? resolve(values.db) : command.usesDemoLedger?.(values) ? demoDbPath() : defaultDbPath();
  let engine: Engine | undefined;
  let client: ApiClient | undefined;
  const ctx: CommandContext = {
    dbPath,
    json: values.json === true,
    locale,
    io,
    async api() {
      if (!client) {
        const backups: string[] = [];
        engine = createEngine({ dbPath, onBackup: (p) => backups.push(p), exclusive: command.exclusive === true });
        if (backups.length) await loadI18n(locale);
        for (const path of backups) io.err(t('cli.migrated', { path }));
        const e = engine;
        client = createClient({ invoke: (m, i) => e.dispatch(m, i) });
      }
      return client;
    },
  };
  try {
    return await command.run({ values, positionals: parsed.positionals }, ctx);
  } catch (err) {
    await loadI18n(ctx.json ? 'en' : locale);
    return await reportError(io, ctx.json, locale, flagError(entry.name, err, values));
  } finally {
    if (!ctx.keepAlive && engine) {
      // An alert a command fired (an import crossing a threshold) is delivered before the ledger closes,
      // for at most WEBHOOK_WAIT_MS; what is still undelivered then, `budgets check` delivers again.
      const { webhooksSettled } = await import('../engine');
      await Promise.race([webhooksSettled(), new Promise((ok) => setTimeout(ok, WEBHOOK_WAIT_MS).unref())]);
      engine.close();
    }
  }
}
