/**
 * `tokenledger`: the engine from a terminal. Each subcommand is a module in ./commands, talking to
 * the engine only through the contract. Exit codes: 0 ok; 1 and 2 for `budgets check`; errors by
 * kind from EXIT_CODES (shared/contract/errors.ts). The engine is imported only once a command runs,
 * so `--help` and argument errors never load it (the built CLI keeps it in a chunk of its own).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ApiError, EXIT_CODES } from '../../shared/contract/errors';
import { createClient, type ApiClient } from '../../shared/contract/client';
import type { Engine } from '../engine';
import { COMMON_HELP, COMMON_OPTIONS, type CliIo, type Command, type CommandContext, type CommandEntry } from './command';
import { commands } from './commands';
import { DEMO_DIR } from './paths';

const stdio: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'tokenledger: one offline ledger for what AI tokens cost you',
    '',
    'Usage: tokenledger <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    COMMON_HELP,
    '',
    'Run `tokenledger <command> --help` for the options of one command.',
  ].join('\n');
}

export function commandHelp(entry: CommandEntry, c: Command): string {
  return [`Usage: tokenledger ${c.usage}`, '', entry.summary, '', 'Options:', ...(c.help ? [c.help] : []), COMMON_HELP].join('\n');
}

async function reportError(io: CliIo, json: boolean, err: unknown): Promise<number> {
  const shape = err instanceof ApiError ? { code: err.code, message: err.message, details: err.details } : (await import('../engine')).toErrorShape(err);
  if (json) io.out(JSON.stringify({ error: shape }, null, 2));
  else io.err(`error: ${shape.message}`);
  return EXIT_CODES[shape.code];
}

export async function runCli(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name ? 0 : 3;
  }
  if (name === '--version' || name === '-v') {
    io.out('0.1.0');
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  const wantsJson = rest.includes('--json');
  if (!entry) {
    return await reportError(io, wantsJson, new ApiError('VALIDATION', `Unknown command "${name}". Run \`tokenledger --help\` for the list.`));
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
    return await reportError(io, wantsJson, new ApiError('VALIDATION', `${(err as Error).message}\n\n${commandHelp(entry, command)}`));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    io.out(commandHelp(entry, command));
    return 0;
  }
  const { createEngine, defaultDbPath, demoDbPath } = await import('../engine');
  const dbPath = typeof values.db === 'string' ? resolve(values.db) : command.usesDemoLedger?.(values) ? demoDbPath() : defaultDbPath();
  let engine: Engine | undefined;
  let client: ApiClient | undefined;
  const ctx: CommandContext = {
    dbPath,
    json: values.json === true,
    io,
    async api() {
      if (!client) {
        engine = createEngine({
          dbPath,
          demoDir: DEMO_DIR,
          onBackup: (p) => io.err(`note: the ledger was migrated to a new schema; a copy of the old file is at ${p}`),
        });
        const e = engine;
        client = createClient({ invoke: (m, i) => e.dispatch(m, i) });
      }
      return client;
    },
  };
  try {
    return await command.run({ values, positionals: parsed.positionals }, ctx);
  } catch (err) {
    return await reportError(io, ctx.json, err);
  } finally {
    if (!ctx.keepAlive) engine?.close();
  }
}
