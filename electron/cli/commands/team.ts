/**
 * `tokenledger bundle export | import | list | undo` and `tokenledger team show | member | machine | folder`:
 * the team's ledger without a server (each machine's facts in a bundle file, merged on the others).
 */
import { resolve } from 'node:path';
import type { BundleMergeFile, TeamMachine, TeamSettings } from '../../../shared/contract/api/team';
import type { Command, CommandContext } from '../command';
import { readRange } from '../period';
import { CliError } from '../errors';
import { formatInt, table, totalsText } from '../format';
import { t } from '../i18n';

const print = (ctx: CommandContext, v: unknown, text: () => string) => ctx.io.out(ctx.json ? JSON.stringify(v, null, 2) : text());

const MERGE_TEXT = {
  merged: 'cli.bundle.merged',
  'already-merged': 'cli.bundle.alreadyMerged',
  older: 'cli.bundle.older',
  own: 'cli.bundle.own',
} as const satisfies Record<BundleMergeFile['status'], string>;

function mergeLine(f: BundleMergeFile): string {
  const c = f.counts;
  return t(MERGE_TEXT[f.status], {
    file: f.file,
    who: f.member ?? f.machineName ?? f.machineId,
    sequence: String(f.sequence),
    bundle: String(f.bundleId),
    new: formatInt(c.new),
    duplicate: formatInt(c.duplicate),
    revised: formatInt(c.revised),
    retracted: formatInt(c.retracted),
  });
}

const BUNDLE_SUBS = ['export', 'import', 'list', 'undo'] as const;

export const bundleCommand: Command = {
  usage: 'bundle export --out FILE [--from YYYY-MM-DD] | import <files...> | list | undo <bundle id>',
  help: `  export --out FILE [--from DAY]    write this machine's own facts (from DAY on), names and budgets
  import FILE...                    merge other machines' bundles (the same one twice adds nothing;
                                    a newer one of the same machine replaces its facts in its range)
  list                              the bundles merged here, latest first
  undo ID                           take one merge out again`,
  options: { out: { type: 'string' }, from: { type: 'string' }, since: { type: 'string' } },
  deprecated: { since: { use: '--from YYYY-MM-DD', renameTo: 'from' } },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const [sub, ...rest] = positionals;
    if (!(BUNDLE_SUBS as readonly (string | undefined)[]).includes(sub)) throw new CliError('errors.bundle.needsSub', { subs: BUNDLE_SUBS.join(', ') });
    const api = await ctx.api();
    if (sub === 'export') {
      if (typeof values.out !== 'string') throw new CliError('errors.bundle.exportNeedsOut');
      const { from } = readRange(values);
      const r = await api.call('bundle.export', { path: resolve(values.out), ...(from !== undefined ? { since: from } : {}) });
      const said = { path: r.path, facts: formatInt(r.facts), imports: formatInt(r.batches), sequence: String(r.sequence), machine: r.machineId, bytes: formatInt(r.bytes) };
      print(ctx, r, () =>
        [r.since ? t('cli.bundle.wroteSince', { ...said, since: r.since }) : t('cli.bundle.wrote', said), ...(r.demoFactsLeftOut > 0 ? [t('cli.bundle.demoLeftOut', { facts: formatInt(r.demoFactsLeftOut) })] : [])].join('\n'),
      );
      return 0;
    }
    if (sub === 'import') {
      if (rest.length === 0) throw new CliError('errors.bundle.importNeedsFile');
      const r = await api.call('bundle.import', { paths: rest.map((p) => resolve(p)) });
      print(ctx, r, () => [...r.files.map(mergeLine), '', totalsText(r.totals)].join('\n'));
      return 0;
    }
    if (sub === 'list') {
      const rows = await api.call('bundle.list', {});
      print(ctx, rows, () =>
        rows.length === 0
          ? t('cli.bundle.none')
          : table(
              (['id', 'member', 'machine', 'sequence', 'exported', 'merged', 'status', 'new', 'duplicate', 'revised', 'retracted'] as const).map((c) => t(`cli.bundle.col.${c}`)),
              rows.map((b) => [String(b.bundleId), b.member ?? '', b.machineName ?? b.machineId.slice(0, 8), String(b.sequence), b.exportedAt, b.importedAt, t(`cli.imports.status.${b.status}`), formatInt(b.counts.new), formatInt(b.counts.duplicate), formatInt(b.counts.revised), formatInt(b.counts.retracted)]),
              [false, false, false, true, false, false, false, true, true, true, true],
            ),
      );
      return 0;
    }
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id <= 0) throw new CliError('errors.bundle.undoNeedsId');
    const r = await api.call('bundle.undo', { bundleId: id });
    print(ctx, r, () =>
      r.heldMonths.length > 0
        ? t('cli.bundle.undoHeld', { id: String(id), months: r.heldMonths.join(', ') })
        : `${t('cli.bundle.undone', { id: String(id), removed: formatInt(r.removed), restored: formatInt(r.restored) })}\n\n${totalsText(r.totals)}`,
    );
    return 0;
  },
};

function machinesText(rows: readonly TeamMachine[]): string {
  return table(
    (['member', 'machine', 'id', 'bundle', 'lastSync'] as const).map((c) => t(`cli.team.col.${c}`)),
    rows.map((m) => [m.member ?? '', (m.self ? t('cli.team.thisOne', { name: m.machineName ?? '' }) : (m.machineName ?? '')).trim(), m.machineId.slice(0, 8), m.sequence === null ? '' : `#${m.sequence}`, m.lastSync ?? t('cli.team.never')]),
  );
}

function settingsText(s: TeamSettings): string {
  const notSet = t('cli.team.notSet');
  return table([t('cli.team.col.setting'), t('cli.team.col.value')], [
    [t('cli.team.member'), s.member ?? notSet],
    [t('cli.team.machine'), s.machineName ?? notSet],
    [t('cli.team.machineId'), s.machineId ?? t('cli.team.idLater')],
    [t('cli.team.folder'), s.folder ?? notSet],
  ]);
}

export const teamCommand: Command = {
  usage: 'team [show] | member NAME | machine NAME | folder set DIR | folder clear | sync | machines',
  help: `  show              this machine's team settings
  member NAME       whose usage this machine's ledger is
  machine NAME      a name for this machine (shown beside its id)
  folder set DIR    a folder a sync tool keeps in step: this machine writes its bundle there and merges the others'
  folder clear      stop syncing through a folder
  sync              write this machine's bundle to the folder (when it changed) and merge the others'
  machines          this machine and the machines merged here, with each one's last sync`,
  allowPositionals: true,
  async run({ positionals }, ctx) {
    const [sub = 'show', ...rest] = positionals;
    const api = await ctx.api();
    if (sub === 'sync') {
      const r = await api.call('team.sync', {});
      print(ctx, r, () => [t(r.wrote ? 'cli.team.wrote' : 'cli.team.unchanged', { folder: r.folder }), ...r.merged.map(mergeLine), machinesText(r.machines)].join('\n'));
      return 0;
    }
    if (sub === 'machines') {
      const rows = await api.call('team.machines', {});
      print(ctx, rows, () => machinesText(rows));
      return 0;
    }
    let s: TeamSettings;
    if (sub === 'show') s = await api.call('team.settings', {});
    else if (sub === 'member' || sub === 'machine') {
      const name = rest.join(' ').trim();
      if (!name) throw new CliError('errors.team.needsName', { sub });
      s = await api.call('team.update', sub === 'member' ? { member: name } : { machineName: name });
    } else if (sub === 'folder' && rest[0] === 'set' && rest[1]) s = await api.call('team.setFolder', { path: resolve(rest[1]) });
    else if (sub === 'folder' && rest[0] === 'clear') s = await api.call('team.setFolder', { path: null });
    else throw new CliError('errors.team.usage');
    print(ctx, s, () => settingsText(s));
    return 0;
  },
};
