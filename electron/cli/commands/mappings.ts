/**
 * `tokenledger mappings list | add <sample.csv> --name NAME [...] | remove <id|name>`: column mappings
 * for CSV exports no built-in format reads, the same profiles as the Imports screen's wizard. `add`
 * starts from the engine's suggestion for the sample (mappings.suggest), applies the flags, dry-runs it
 * (mappings.preview) and saves it only when the engine finds no problem; later files with the same
 * header are imported with it (`import`, or `import --mapping NAME` to insist on it).
 */
import { resolve } from 'node:path';
import { TIME_FORMATS, type MappingProfile, type MappingRoles } from '../../../shared/contract/api/mappings';
import type { ApiClient } from '../../../shared/contract/client';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { formatInt, table } from '../format';
import { say, t } from '../i18n';

const SUBS = ['list', 'add', 'remove'] as const;

type ColumnRole = 'start' | 'end' | 'model' | 'input' | 'cache-read' | 'cache-write' | 'output' | 'reasoning' | 'requests' | 'cost' | 'currency' | 'project' | 'key' | 'member' | 'account';

/** Where each `--column ROLE=COLUMN` goes in the profile's roles. */
const SET_COLUMN: Record<ColumnRole, (r: MappingRoles, c: string | null) => void> = {
  start: (r, c) => void (r.time.start = c ?? ''),
  end: (r, c) => void (r.time.end = c),
  model: (r, c) => void (r.model = c),
  input: (r, c) => void (r.tokens.input = c),
  'cache-read': (r, c) => void (r.tokens.cacheRead = c),
  'cache-write': (r, c) => void (r.tokens.cacheWrite = c),
  output: (r, c) => void (r.tokens.output = c),
  reasoning: (r, c) => void (r.tokens.reasoning = c),
  requests: (r, c) => void (r.requests = c),
  cost: (r, c) => void (r.cost = c),
  currency: (r, c) => void (r.currencyColumn = c),
  project: (r, c) => void (r.project = c),
  key: (r, c) => void (r.apiKey = c),
  member: (r, c) => void (r.member = c),
  account: (r, c) => void (r.account = c),
};
const ROLES = Object.keys(SET_COLUMN) as ColumnRole[];

/** The columns a profile reads, as `role=column` for people. */
function columnsOf(r: MappingRoles): string {
  const pairs: [string, string | null][] = [
    ['start', r.time.start || null],
    ['end', r.time.end],
    ['model', r.model],
    ['input', r.tokens.input],
    ['cache-read', r.tokens.cacheRead],
    ['cache-write', r.tokens.cacheWrite],
    ['output', r.tokens.output],
    ['reasoning', r.tokens.reasoning],
    ['requests', r.requests],
    ['cost', r.cost],
    ['currency', r.currencyColumn],
    ['project', r.project],
    ['key', r.apiKey],
    ['member', r.member],
    ['account', r.account],
  ];
  return pairs
    .filter((p): p is [string, string] => p[1] !== null)
    .map(([role, c]) => `${role}=${c}`)
    .join(', ');
}

/** A saved profile by id or by name. */
export async function findMapping(api: ApiClient, ref: string): Promise<MappingProfile> {
  const all = await api.call('mappings.list', {});
  const found = /^\d+$/.test(ref) ? all.find((m) => m.id === Number(ref)) : all.find((m) => m.name === ref);
  if (!found) throw new CliError('errors.mappings.notFound', { name: ref }, 'NOT_FOUND');
  return found;
}

function applyFlags(roles: MappingRoles, values: Record<string, unknown>): void {
  if (typeof values.provider === 'string') roles.provider = values.provider;
  if (typeof values.currency === 'string') roles.currency = values.currency.trim().toUpperCase();
  if (typeof values.tz === 'string') roles.time.timeZone = values.tz;
  if (typeof values['time-format'] === 'string') {
    const f = values['time-format'];
    if (!(TIME_FORMATS as readonly string[]).includes(f)) throw new CliError('errors.mappings.badTimeFormat', { given: f, formats: TIME_FORMATS.join(', ') });
    roles.time.format = f as MappingRoles['time']['format'];
  }
  if (values['input-includes-cached'] === true) roles.tokens.inputIncludesCached = true;
  for (const spec of (values.column as string[] | undefined) ?? []) {
    const eq = spec.indexOf('=');
    const role = spec.slice(0, eq) as ColumnRole;
    if (eq <= 0 || !ROLES.includes(role)) throw new CliError('errors.mappings.badColumn', { given: spec, roles: ROLES.join(', ') });
    const column = spec.slice(eq + 1).trim();
    SET_COLUMN[role](roles, column === '' ? null : column);
  }
}

async function add(file: string | undefined, values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  if (!file) throw new CliError('errors.mappings.addNeedsFile');
  if (typeof values.name !== 'string' || values.name.trim() === '') throw new CliError('errors.mappings.addNeedsName');
  const path = resolve(file);
  const api = await ctx.api();
  const s = await api.call('mappings.suggest', { path });
  if (s.claimedBy) throw new CliError('errors.mappings.alreadyRead', { file, format: s.claimedBy.label }, 'CONFLICT');
  const roles = structuredClone(s.suggested);
  applyFlags(roles, values);
  const draft = { name: values.name.trim(), header: s.header, delimiter: s.delimiter, roles };
  const preview = await api.call('mappings.preview', { path, profile: draft, limit: 200 });
  if (preview.problems.length) throw new CliError('errors.mappings.problems', { problems: preview.problemsSaid.map(say).join(' ') });
  const saved = await api.call('mappings.save', draft);
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ mapping: saved, preview }, null, 2));
    return 0;
  }
  ctx.io.out(t('cli.mappings.saved', { id: saved.id, name: saved.name, columns: saved.header.length }));
  ctx.io.out(`  ${t('cli.mappings.reads', { provider: saved.roles.provider, columns: columnsOf(saved.roles) })}`);
  ctx.io.out(`  ${t('cli.mappings.dryRun', { rows: formatInt(preview.rowsRead), issues: formatInt(preview.issues.length) })}`);
  for (const i of preview.issues.slice(0, 5)) ctx.io.out(`  ${t('cli.import.issue', { line: i.line, field: i.field, message: i.message })}`);
  return 0;
}

export const mappingsCommand: Command = {
  usage: 'mappings list | add <sample.csv> --name NAME [--provider P] [--column ROLE=COLUMN]... | remove <id|name>',
  help: `  list                 the saved column mappings
  add FILE --name NAME start from the columns guessed for FILE (a CSV no built-in format reads), change
                       them with the flags below, dry-run it and save it: every later file with the same
                       header is imported with it
    --provider P       who billed it (openai, internal-gateway...)
    --column ROLE=COL  read ROLE from column COL (repeatable; ROLE= with no column drops it). Roles:
                       ${ROLES.join(', ')}
    --currency CUR     the currency of every row's cost (or --column currency=COL)
    --tz ZONE          time zone of times written without one (default UTC)
    --time-format F    ${TIME_FORMATS.join(', ')}
    --input-includes-cached  the input column counts cached tokens too (OpenAI's prompt_tokens)
  remove ID|NAME       delete a mapping (batches it imported stay; undo them with \`imports undo\`)`,
  options: {
    name: { type: 'string' },
    provider: { type: 'string' },
    column: { type: 'string', multiple: true },
    currency: { type: 'string' },
    tz: { type: 'string' },
    'time-format': { type: 'string' },
    'input-includes-cached': { type: 'boolean', default: false },
  },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const [sub, arg, ...extra] = positionals;
    if (!sub || !(SUBS as readonly string[]).includes(sub) || extra.length) throw new CliError('errors.mappings.needsSub', { subs: SUBS.join(', ') });
    if (sub === 'add') return add(arg, values, ctx);
    const api = await ctx.api();
    if (sub === 'remove') {
      if (!arg) throw new CliError('errors.mappings.removeNeedsId');
      const m = await findMapping(api, arg);
      const r = await api.call('mappings.remove', { id: m.id });
      ctx.io.out(ctx.json ? JSON.stringify(r, null, 2) : t('cli.mappings.removed', { id: m.id, name: m.name }));
      return 0;
    }
    const all = await api.call('mappings.list', {});
    if (ctx.json) ctx.io.out(JSON.stringify(all, null, 2));
    else if (all.length === 0) ctx.io.out(t('cli.mappings.none'));
    else {
      const headers = (['id', 'name', 'provider', 'columns', 'reads', 'updated'] as const).map((c) => t(`cli.mappings.col.${c}`));
      ctx.io.out(table(headers, all.map((m) => [m.id, m.name, m.roles.provider, m.header.length, columnsOf(m.roles), m.updatedAt.slice(0, 10)]), [true, false, false, true, false, false]));
    }
    return 0;
  },
};
