/**
 * The shared folder instead of a server: a folder any sync tool keeps in step (a network share,
 * Syncthing, Dropbox). Each machine writes only its own file there, `<machine id>.tlbundle`, so two
 * machines never write the same file: there is nothing to conflict. A sync writes this machine's bundle
 * when its content changed (a digest of it is kept), and merges every other machine's bundle it has not
 * merged yet (a file unchanged since the last look is not read again).
 */
import { saidError } from '../said-error';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TeamMachine, TeamSyncResult } from '../../../shared/contract/api/team';
import type { EngineContext } from '../context';
import { transaction } from '../ledger/db';
import { exportBundle } from './export';
import { mergeBundles } from './merge';
import { ensureMachineId, latestBundlePerMachine, readTeamKey, readTeamSettings, writeTeamKey } from './store';

export const BUNDLE_EXT = '.tlbundle';

/** Files already looked at, per engine: path -> "mtime:size". */
const seen = new WeakMap<EngineContext, Map<string, string>>();

interface LastWrite {
  at: number;
  sequence: number;
  digest: string;
  folder: string;
}

export function syncTeamFolder(ctx: EngineContext): TeamSyncResult {
  const { folder } = readTeamSettings(ctx.db);
  if (folder === null) throw saidError('NOT_FOUND', 'engine.error.noTeamFolder');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw saidError('NOT_FOUND', 'engine.error.teamFolderMissing', { folder });
  const machineId = transaction(ctx.db, () => ensureMachineId(ctx.db));
  const own = join(folder, `${machineId}${BUNDLE_EXT}`);
  const last = readTeamKey<LastWrite>(ctx.db, 'team.lastWrite');
  const unless = last && last.folder === folder && existsSync(own) ? last.digest : null;
  const wrote = exportBundle(ctx, { path: own }, unless);
  if (wrote) transaction(ctx.db, () => writeTeamKey(ctx.db, 'team.lastWrite', { at: ctx.now(), sequence: wrote.sequence, digest: wrote.digest, folder } satisfies LastWrite));
  let looked = seen.get(ctx);
  if (!looked) seen.set(ctx, (looked = new Map()));
  const fresh: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!name.endsWith(BUNDLE_EXT) || path === own) continue;
    const st = statSync(path);
    const stamp = `${st.mtimeMs}:${st.size}`;
    if (looked.get(path) === stamp) continue;
    fresh.push(path);
    looked.set(path, stamp);
  }
  const merged = mergeBundles(ctx, fresh).filter((f) => f.status === 'merged');
  return { folder, wrote: wrote !== null, merged, machines: teamMachines(ctx) };
}

/** This machine and every machine a bundle was merged from, with when each last wrote what this ledger holds of it. */
export function teamMachines(ctx: EngineContext): TeamMachine[] {
  const s = readTeamSettings(ctx.db);
  const last = readTeamKey<LastWrite>(ctx.db, 'team.lastWrite');
  const self: TeamMachine = {
    machineId: s.machineId ?? '',
    machineName: s.machineName,
    member: s.member,
    self: true,
    sequence: last?.sequence ?? null,
    lastSync: last ? new Date(last.at).toISOString() : null,
  };
  const others = latestBundlePerMachine(ctx.db);
  return [
    self,
    ...others.map((o) => ({ machineId: o.machine_id, machineName: o.machine_name, member: o.member, self: false, sequence: o.sequence, lastSync: new Date(o.exported_at).toISOString() })),
  ];
}
