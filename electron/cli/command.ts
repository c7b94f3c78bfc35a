/**
 * A CLI subcommand: its options (node:util parseArgs), its help, and `run`, which talks to the
 * engine only through `call` (the contract) and returns an exit code.
 */
import type { ParseArgsConfig } from 'node:util';
import type { ApiClient } from '../../shared/contract/client';
import type { Locale } from './locale';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** What is piped in (tests give it; the terminal host reads process.stdin). */
  stdin?(): Promise<string>;
}

export interface CommandContext {
  /** Typed client over the engine's dispatch (opened lazily on first use). */
  api(): Promise<ApiClient>;
  /** Path of the ledger file (--db, TOKENLEDGER_DB or the desktop app's file). */
  dbPath: string;
  json: boolean;
  /** The user's language (--lang, TOKENLEDGER_LANG, else the system's): the human output and the files a command writes. */
  locale: Locale;
  io: CliIo;
  /** Set when a command needs to hold the engine open (serve). */
  keepAlive?: boolean;
}

/** A command as `--help` lists it; `load` imports its module (commands/index.ts). */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export interface Command {
  /** Usage line after `tokenledger `, e.g. 'import <files or folders...> [--dry-run]'. */
  usage: string;
  /** Extra help text (option descriptions); its translations are shared/i18n/help/<locale>.json `help.<command>.options`. */
  help?: string;
  /** Values of `{name}` placeholders in the translated help (lists built at run time). */
  helpValues?: Record<string, string>;
  options?: OptionSpec;
  /**
   * Its calls run one at a time and it reads nothing through the engine while an import runs (import): a large
   * import may then take the ledger for itself (EngineContext.exclusive). Not a command that reads on a timer
   * beside the imports it starts (agents watch).
   */
  exclusive?: boolean;
  allowPositionals?: boolean;
  /**
   * Old flags kept for one release: each prints a one-line hint on stderr (never on stdout, so --json
   * stays clean); with `renameTo` its value is read as that flag's.
   */
  deprecated?: Record<string, { use: string; renameTo?: string }>;
  /** The command's human output is the engine's text alone (statusline): runCli loads no catalog for it. */
  noCatalog?: boolean;
  /** Without --db, work on the separate demo ledger (demoDbPath) instead of the user's. */
  usesDemoLedger?(values: Record<string, unknown>): boolean;
  run(args: { values: Record<string, unknown>; positionals: string[] }, ctx: CommandContext): Promise<number>;
}

/** Options every subcommand takes. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionSpec;

export const COMMON_HELP = `  --db PATH   ledger file (default: the desktop app's file, or $TOKENLEDGER_DB)
  --json      machine-readable output
  --lang L    language of the output: en or zh-CN (default: $TOKENLEDGER_LANG, else the system's)
  -h, --help  this help`;
