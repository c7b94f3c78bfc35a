/**
 * `tokenledger names list | set | remove`: display names for the ids exports carry (projects, API keys,
 * members, accounts). Report tables show the name beside the id.
 */
import { NAMED_DIMENSIONS, type NamedDimension } from '../../../shared/contract/api/names';
import { ApiError } from '../../../shared/contract/errors';
import { parseDimension } from '../../../shared/contract/api/report';
import type { Command } from '../command';
import { table } from '../format';
import { t } from '../i18n';

const SUBCOMMANDS = ['list', 'set', 'remove'] as const;

function namedDimension(arg: string | undefined): NamedDimension {
  const d = arg ? parseDimension(arg) : null;
  if (d === null || !(NAMED_DIMENSIONS as readonly string[]).includes(d)) {
    throw new ApiError('VALIDATION', `names takes a project, key, member or account (not "${arg ?? ''}")`);
  }
  return d as NamedDimension;
}

export const namesCommand: Command = {
  usage: 'names list [project|key|member|account] [--values] | set <dimension> <id> <name> | remove <dimension> <id>',
  help: `  list [DIM]            the names you gave (of one dimension)
  list DIM --values     every id of DIM in the ledger, with its name where it has one
  set DIM ID NAME       show ID as NAME on every screen, table and export
  remove DIM ID         show ID as itself again`,
  options: { values: { type: 'boolean', default: false } },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const [sub = 'list', dimArg, id, ...nameParts] = positionals;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new ApiError('VALIDATION', `names needs one of: ${SUBCOMMANDS.join(', ')} (not "${sub}")`);
    const out = (v: unknown, text: () => string) => ctx.io.out(ctx.json ? JSON.stringify(v, null, 2) : text());
    const api = await ctx.api();
    if (sub === 'list') {
      const dimension = dimArg === undefined ? undefined : namedDimension(dimArg);
      if (values.values === true) {
        if (!dimension) throw new ApiError('VALIDATION', 'names list --values needs a dimension: project, key, member or account');
        const rows = await api.call('names.values', { dimension, limit: 1000 });
        out(rows, () => (rows.length ? table([dimension, t('cli.names.col.name'), t('cli.names.col.facts')], rows.map((r) => [r.value, r.name ?? '', String(r.facts)])) : `No ${dimension} in the ledger.`));
        return 0;
      }
      const rows = await api.call('names.list', dimension ? { dimension } : {});
      out(rows, () => (rows.length ? table([t('cli.names.col.dimension'), t('cli.names.col.id'), t('cli.names.col.name')], rows.map((r) => [r.dimension, r.value, r.name])) : t('cli.names.none', { command: '`tokenledger names set project <id> <name>`' })));
      return 0;
    }
    const dimension = namedDimension(dimArg);
    if (!id) throw new ApiError('VALIDATION', `names ${sub} needs the id (see \`tokenledger names list ${dimArg} --values\`)`);
    if (sub === 'set') {
      const name = nameParts.join(' ');
      const r = await api.call('names.set', { dimension, value: id, name });
      out(r, () => `${r.value} is now shown as "${r.name}".`);
      return 0;
    }
    const r = await api.call('names.remove', { dimension, value: id });
    out(r, () => (r.removed ? `${id} is shown as itself again.` : `${id} had no display name.`));
    return 0;
  },
};
