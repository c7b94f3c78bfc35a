/**
 * `tokenledger names list | set | remove`: display names for the ids exports carry (projects, API keys,
 * members, accounts). Report tables show the name beside the id.
 */
import { NAMED_DIMENSIONS, type NamedDimension } from '../../../shared/contract/api/names';
import { parseDimension } from '../../../shared/contract/api/report';
import type { Command } from '../command';
import { CliError } from '../errors';
import { formatInt, table } from '../format';
import { t } from '../i18n';

const SUBCOMMANDS = ['list', 'set', 'remove'] as const;

function namedDimension(arg: string | undefined): NamedDimension {
  const d = arg ? parseDimension(arg) : null;
  if (d === null || !(NAMED_DIMENSIONS as readonly string[]).includes(d)) {
    throw new CliError('errors.names.badDimension', { given: arg ?? '' });
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
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new CliError('errors.names.unknownSub', { subs: SUBCOMMANDS.join(', '), given: sub });
    const out = (v: unknown, text: () => string) => ctx.io.out(ctx.json ? JSON.stringify(v, null, 2) : text());
    const api = await ctx.api();
    if (sub === 'list') {
      const dimension = dimArg === undefined ? undefined : namedDimension(dimArg);
      if (values.values === true) {
        if (!dimension) throw new CliError('errors.names.valuesNeedsDimension');
        const rows = await api.call('names.values', { dimension, limit: 1000 });
        const dimWord = () => t(`cli.dimension.${dimension}`);
        out(rows, () => (rows.length ? table([dimWord(), t('cli.names.col.name'), t('cli.names.col.facts')], rows.map((r) => [r.value, r.name ?? '', formatInt(r.facts)]), [false, false, true]) : t('cli.names.noValues', { dimension: dimWord() })));
        return 0;
      }
      const rows = await api.call('names.list', dimension ? { dimension } : {});
      out(rows, () => (rows.length ? table([t('cli.names.col.dimension'), t('cli.names.col.id'), t('cli.names.col.name')], rows.map((r) => [r.dimension, r.value, r.name])) : t('cli.names.none', { command: '`tokenledger names set project <id> <name>`' })));
      return 0;
    }
    const dimension = namedDimension(dimArg);
    if (!id) throw new CliError('errors.names.needsId', { sub, dimension: String(dimArg) });
    if (sub === 'set') {
      const name = nameParts.join(' ');
      const r = await api.call('names.set', { dimension, value: id, name });
      out(r, () => t('cli.names.set', { id: r.value, name: r.name }));
      return 0;
    }
    const r = await api.call('names.remove', { dimension, value: id });
    out(r, () => t(r.removed ? 'cli.names.removed' : 'cli.names.hadNone', { id }));
    return 0;
  },
};
