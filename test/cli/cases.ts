/**
 * Commands whose human output the CLI snapshot tests show in English (human-output.test.ts) and in
 * Chinese (i18n.test.ts), and which the check for English left in the Chinese output runs: the read-only
 * ones on the generated demo, the ones that change a ledger in order on a copy of it.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/main';
import { captureIo } from '../helpers/engine';

export const ROOT = join(import.meta.dirname, '../..');
export const SAMPLE = join(ROOT, 'test/fixtures/exports/openai-costs.json');

/** What Claude Code pipes to `statusline`. */
const STATUS_JSON = JSON.stringify({ session_id: 'no-such-session', model: { id: 'claude-opus-4-1', display_name: 'Opus' } });

export interface CliCase {
  name: string;
  args: string[];
  stdin?: string;
}

/** The first commands shown in English (human-output.test.ts), read-only on the demo ledger. */
export const DEMO_CASES: CliCase[] = [
  { name: 'report', args: ['report'] },
  { name: 'report by vendor and month', args: ['report', '--by', 'vendor', '--bucket', 'month'] },
  { name: 'report reconcile', args: ['report', 'reconcile', '--month', '2025-09'] },
  { name: 'tips', args: ['tips'] },
  { name: 'tips of a month', args: ['tips', '--month', '2025-09'] },
  { name: 'budgets with the old --at flag: a hint on stderr', args: ['budgets', 'list', '--at', '2025-09-30T23:59:59Z'] },
  { name: 'report of a month', args: ['report', '--month', '2025-09'] },
  { name: 'budgets as of the end of a month', args: ['budgets', 'list', '--month', '2025-09'] },
  { name: 'budgets list', args: ['budgets', 'list'] },
  { name: 'budgets check', args: ['budgets', 'check'] },
  { name: 'prices show', args: ['prices', 'show', 'deepseek-chat'] },
  { name: 'prices list in the ledger', args: ['prices', 'list', '--in-ledger'] },
  { name: 'vendors list', args: ['vendors', 'list', '--region', 'CN'] },
  { name: 'names list', args: ['names', 'list'] },
  { name: 'imports list', args: ['imports', 'list'] },
  { name: 'import dry run', args: ['import', SAMPLE, '--dry-run'] },
  { name: 'review pack', args: ['review', '--month', '2025-09', '--out', '<dir>/review'] },
  { name: 'review without --out', args: ['review', '--month', '2025-09'] },
  { name: 'demo again', args: ['demo'] },
  { name: 'an unknown option', args: ['report', '--colour'] },
  { name: 'a flag without its value', args: ['tips', '--month'] },
  { name: 'a bad day', args: ['report', '--from', '2025-13-01'] },
  { name: 'a bad month', args: ['tips', '--month', '2025-9'] },
  { name: 'a month and days together', args: ['report', '--month', '2025-09', '--to', '2025-09-10'] },
  { name: 'days the wrong way round', args: ['export', 'focus', '--out', 'x.csv', '--from', '2025-09-30', '--to', '2025-09-01'] },
  { name: 'days where a month is taken', args: ['tips', '--from', '2025-09-01'] },
  { name: 'an old flag and its new name together', args: ['tips', '--period', '2025-09', '--month', '2025-10'] },
  { name: 'an unknown budget', args: ['budgets', 'remove', 'Nope'] },
];

/** More read-only commands on the demo ledger, shown in both languages. */
export const READ_CASES: CliCase[] = [
  { name: 'prices recompute --dry-run', args: ['prices', 'recompute', '--dry-run'] },
  { name: 'prices sources (none loaded)', args: ['prices', 'sources'] },
  { name: 'names list --values', args: ['names', 'list', 'project', '--values'] },
  { name: 'team show', args: ['team', 'show'] },
  { name: 'bundle list (none merged)', args: ['bundle', 'list'] },
  { name: 'close --list (none closed)', args: ['close', '--list'] },
  { name: 'statusline', args: ['statusline'], stdin: STATUS_JSON },
  { name: 'export focus', args: ['export', 'focus', '--out', '<dir>/focus.csv', '--month', '2025-09'] },
  { name: 'error: prices set without a model', args: ['prices', 'set'] },
  { name: 'error: prices set without a day', args: ['prices', 'set', 'gpt-4o', '--currency', 'USD', '--input', '1'] },
  { name: 'error: prices with a bad tier', args: ['prices', 'set', 'gpt-4o', '--currency', 'USD', '--from', '2025-09-01', '--tier', 'cheap'] },
  { name: 'error: prices unset without an id', args: ['prices', 'unset'] },
  { name: 'error: an unknown prices subcommand', args: ['prices', 'drop'] },
  { name: 'error: fx set without a rate', args: ['fx', 'set', 'EUR'] },
  { name: 'error: fx unset without --from', args: ['fx', 'unset', 'EUR'] },
  { name: 'error: an unknown fx subcommand', args: ['fx', 'drop'] },
  { name: 'error: vendors set-region to no region', args: ['vendors', 'set-region', 'deepseek', 'Mars'] },
  { name: 'error: vendors set-region without a vendor', args: ['vendors', 'set-region'] },
  { name: 'error: names of an unknown dimension', args: ['names', 'set', 'colour', 'x', 'y'] },
  { name: 'error: names list --values without a dimension', args: ['names', 'list', '--values'] },
  { name: 'error: bundle without a subcommand', args: ['bundle'] },
  { name: 'error: team with an unknown subcommand', args: ['team', 'dance'] },
  { name: 'error: close a bad month', args: ['close', '2025-9'] },
  { name: 'error: export without --out', args: ['export', 'focus'] },
  { name: 'error: watch every 0 seconds', args: ['watch', '--interval', '0'] },
  { name: 'error: review without --month', args: ['review', '--out', '<dir>/review'] },
  { name: 'error: call without a method', args: ['call'] },
  { name: 'error: call with input that is not JSON', args: ['call', 'app.info', '{oops'] },
  { name: 'error: plan without a choice', args: ['plan', 'claude-code'] },
];

/** Commands that change the ledger, run in this order on a copy of the demo ledger. */
export const STEPS: CliCase[] = [
  { name: 'prices set --dry-run', args: ['prices', 'set', 'deepseek-chat', '--currency', 'CNY', '--from', '2025-09-08', '--to', '2025-09-10', '--input', '2', '--output', '8', '--dry-run'] },
  { name: 'prices set', args: ['prices', 'set', 'deepseek-chat', '--currency', 'CNY', '--from', '2025-09-08', '--to', '2025-09-10', '--input', '2', '--output', '8'] },
  { name: 'prices set of a tier', args: ['prices', 'set', 'deepseek-chat', '--currency', 'CNY', '--from', '2025-09-08', '--tier', 'batch', '--input', '1'] },
  { name: 'prices unset --dry-run', args: ['prices', 'unset', '1', '--dry-run'] },
  { name: 'prices unset', args: ['prices', 'unset', '1'] },
  { name: 'prices load --dry-run', args: ['prices', 'load', '<dir>/prices.json', '--dry-run', '--from', '2025-01-01'] },
  { name: 'prices load', args: ['prices', 'load', '<dir>/prices.json', '--from', '2025-01-01'] },
  { name: 'prices sources', args: ['prices', 'sources'] },
  { name: 'prices recompute', args: ['prices', 'recompute'] },
  { name: 'fx set', args: ['fx', 'set', 'SGD', '1.29', '--from', '2025-09-01'] },
  { name: 'fx unset', args: ['fx', 'unset', 'SGD', '--from', '2025-09-01'] },
  { name: 'fx import --dry-run', args: ['fx', 'import', '<dir>/rates.csv', '--dry-run'] },
  { name: 'fx import', args: ['fx', 'import', '<dir>/rates.csv'] },
  { name: 'vendors set-region', args: ['vendors', 'set-region', 'deepseek', 'US'] },
  { name: 'vendors reset', args: ['vendors', 'reset', 'deepseek'] },
  { name: 'names set', args: ['names', 'set', 'project', 'proj_support', 'Support', 'desk'] },
  { name: 'names remove', args: ['names', 'remove', 'project', 'proj_support'] },
  { name: 'names remove again', args: ['names', 'remove', 'project', 'proj_support'] },
  { name: 'close a month', args: ['close', '2025-09'] },
  { name: 'import into the closed month', args: ['import', SAMPLE] },
  { name: 'close --list with holds', args: ['close', '--list'] },
  { name: 'close discard', args: ['close', 'discard', '--month', '2025-09'] },
  { name: 'reopen', args: ['reopen', '2025-09'] },
  { name: 'team member', args: ['team', 'member', 'Ada'] },
  { name: 'team machine', args: ['team', 'machine', 'laptop'] },
  { name: 'bundle export', args: ['bundle', 'export', '--out', '<dir>/own.tlbundle', '--from', '2025-09-01'] },
  { name: 'bundle import of its own bundle', args: ['bundle', 'import', '<dir>/own.tlbundle'] },
  { name: 'team machines', args: ['team', 'machines'] },
  { name: 'mappings list (none)', args: ['mappings', 'list'] },
  { name: 'mappings add', args: ['mappings', 'add', '<dir>/gateway-2025-09.csv', '--name', 'Gateway', '--provider', 'internal-gateway', '--tz', 'Europe/Berlin'] },
  { name: 'import --mapping', args: ['import', '<dir>/gateway-2025-09.csv', '--mapping', 'Gateway'] },
  { name: 'mappings list', args: ['mappings', 'list'] },
  { name: 'mappings remove', args: ['mappings', 'remove', 'Gateway'] },
];

/** The files the steps read (a price source with a 100x change, a CSV of FX rates with a bad line, a gateway's CSV no built-in format reads), written to `dir`. */
export function writeStepFiles(dir: string): void {
  writeFileSync(
    join(dir, 'prices.json'),
    JSON.stringify({
      'gpt-4o-2024-08-06': { mode: 'chat', litellm_provider: 'openai', input_cost_per_token: 3e-6, cache_read_input_token_cost: 1.25e-6, output_cost_per_token: 1e-5 },
      'gpt-4.1-mini-2025-04-14': { mode: 'chat', litellm_provider: 'openai', input_cost_per_token: 0.04, cache_read_input_token_cost: 1e-7, output_cost_per_token: 1.6e-6 },
    }),
  );
  writeFileSync(
    join(dir, 'gateway-2025-09.csv'),
    ['timestamp,model,prompt_tokens,cached_tokens,completion_tokens,cost_eur,team', '2025-09-01 09:15:00,gpt-4o,1200,200,300,0.0125,search', '2025-09-02 23:30:00,claude-sonnet-4,5000,4000,700,0.021,support'].join('\n'),
  );
  writeFileSync(join(dir, 'rates.csv'), 'date,currency,per_usd,source\n2025-09-01,SGD,1.29,MAS\n2025-09-02,SGD,,MAS\n');
}

/** A copy of a closed ledger (its write-ahead log too, when one is left). */
export function copyLedger(from: string, to: string): void {
  for (const suffix of ['', '-wal']) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
}

/** Machine ids seen so far (a table shows a machine by the first 8 characters of an id printed earlier). */
const machineIds = new Set<string>();

/** `tokenledger <args> --db <db>` in `env`, its output with the folder, the repository and machine ids written as placeholders. */
export async function runCase(c: CliCase, db: string, dir: string, env: NodeJS.ProcessEnv) {
  const io = { ...captureIo(), ...(c.stdin !== undefined ? { stdin: async () => c.stdin! } : {}) };
  const code = await runCli([...c.args.map((a) => a.replace('<dir>', dir)), '--db', db], io, env);
  for (const id of [...io.stdout, ...io.stderr].join('\n').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) machineIds.add(id);
  const clean = (lines: string[]) => {
    let text = lines.join('\n').replaceAll(dir, '<dir>').replaceAll(ROOT, '<repo>');
    for (const id of machineIds) text = text.replaceAll(id, '<machine id>').replaceAll(id.slice(0, 8), '<machine>');
    // A bundle's size depends on its machine id (compressed).
    return text.replace(/[\d,]+ (bytes|字节)/g, 'N $1');
  };
  return { code, stdout: clean(io.stdout), stderr: clean(io.stderr) };
}
