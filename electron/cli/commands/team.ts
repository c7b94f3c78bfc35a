/**
 * `tokenledger bundle export | import | list | undo` and `tokenledger team show | member | machine | folder`:
 * the team's ledger without a server (each machine's facts in a bundle file, merged on the others).
 */
import { resolve } from 'node:path';
import type { BundleMergeFile, TeamMachine, TeamSettings } from '../../../shared/contract/api/team';
import { ApiError } from '../../../shared/contract/errors';
import type { Command, CommandContext } from '../command';
import { readRange } from '../period';
import { table, totalsText } from '../format';

const print = (ctx: CommandContext, v: unknown, text: () => string) => ctx.io.out(ctx.json ? JSON.stringify(v, null, 2) : text());

const MERGE_TEXT: Record<BundleMergeFile['status'], string> = {
  merged: 'merged',
  'already-merged': 'already merged: nothing added',
  older: 'older than the bundle of that machine already merged: nothing added',
  own: "this machine's own bundle: nothing added",
};

function mergeLine(f: BundleMergeFile): string {
  const who = f.member ?? f.machineName ?? f.machineId;
  const c = f.counts;
  const detail = f.status === 'merged' ? ` (bundle ${f.bundleId}): ${c.new} new, ${c.duplicate} already here, ${c.revised} revised, ${c.retracted} retracted` : '';
  return `${f.file} from ${who} #${f.sequence}: ${MERGE_TEXT[f.status]}${detail}`;
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
    if (!(BUNDLE_SUBS as readonly (string | undefined)[]).includes(sub)) throw new ApiError('VALIDATION', `bundle needs one of: ${BUNDLE_SUBS.join(', ')}`);
    const api = await ctx.api();
    if (sub === 'export') {
      if (typeof values.out !== 'string') throw new ApiError('VALIDATION', 'bundle export needs --out FILE');
      const { from } = readRange(values);
      const r = await api.call('bundle.export', { path: resolve(values.out), ...(from !== undefined ? { since: from } : {}) });
      print(ctx, r, () => `Wrote ${r.path}: ${r.facts} facts of ${r.batches} imports${r.since ? ` from ${r.since} on` : ''} (bundle #${r.sequence} of machine ${r.machineId}, ${r.bytes} bytes)`);
      return 0;
    }
    if (sub === 'import') {
      if (rest.length === 0) throw new ApiError('VALIDATION', 'bundle import needs at least one bundle file');
      const r = await api.call('bundle.import', { paths: rest.map((p) => resolve(p)) });
      print(ctx, r, () => [...r.files.map(mergeLine), '', totalsText(r.totals)].join('\n'));
      return 0;
    }
    if (sub === 'list') {
      const rows = await api.call('bundle.list', {});
      print(ctx, rows, () =>
        rows.length === 0
          ? 'No bundle merged yet: `tokenledger bundle import FILE`.'
          : table(
              ['id', 'member', 'machine', '#', 'exported', 'merged', 'status', 'new', 'dup', 'revised', 'retracted'],
              rows.map((b) => [String(b.bundleId), b.member ?? '', b.machineName ?? b.machineId.slice(0, 8), String(b.sequence), b.exportedAt, b.importedAt, b.status, String(b.counts.new), String(b.counts.duplicate), String(b.counts.revised), String(b.counts.retracted)]),
            ),
      );
      return 0;
    }
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id <= 0) throw new ApiError('VALIDATION', 'bundle undo needs the bundle id (see `tokenledger bundle list`)');
    const r = await api.call('bundle.undo', { bundleId: id });
    print(ctx, r, () =>
      r.heldMonths.length > 0
        ? `Bundle ${id} not undone: it would change closed ${r.heldMonths.join(', ')}. The undo waits for a decision: tokenledger close --list, then close accept or close discard.`
        : `Undid bundle ${id}: ${r.removed} facts removed, ${r.restored} restored\n\n${totalsText(r.totals)}`,
    );
    return 0;
  },
};

function machinesText(rows: readonly TeamMachine[]): string {
  return table(['member', 'machine', 'id', 'bundle', 'last sync'], rows.map((m) => [m.member ?? '', `${m.machineName ?? ''}${m.self ? ' (this one)' : ''}`.trim(), m.machineId.slice(0, 8), m.sequence === null ? '' : `#${m.sequence}`, m.lastSync ?? 'never']));
}

function settingsText(s: TeamSettings): string {
  return table(['setting', 'value'], [
    ['member', s.member ?? '(not set)'],
    ['machine', s.machineName ?? '(not set)'],
    ['machine id', s.machineId ?? '(made at the first bundle)'],
    ['shared folder', s.folder ?? '(not set)'],
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
      print(ctx, r, () => [`${r.wrote ? 'Wrote' : 'Unchanged:'} this machine's bundle in ${r.folder}`, ...r.merged.map(mergeLine), machinesText(r.machines)].join('\n'));
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
      if (!name) throw new ApiError('VALIDATION', `team ${sub} needs a name`);
      s = await api.call('team.update', sub === 'member' ? { member: name } : { machineName: name });
    } else if (sub === 'folder' && rest[0] === 'set' && rest[1]) s = await api.call('team.setFolder', { path: resolve(rest[1]) });
    else if (sub === 'folder' && rest[0] === 'clear') s = await api.call('team.setFolder', { path: null });
    else throw new ApiError('VALIDATION', 'team takes: show, member NAME, machine NAME, folder set DIR, folder clear, sync, machines');
    print(ctx, s, () => settingsText(s));
    return 0;
  },
};
