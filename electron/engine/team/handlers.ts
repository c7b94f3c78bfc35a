/** Handlers of the team and bundle nouns (shared/contract/api/team.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { MergedBundleInfo, TeamSettings } from '../../../shared/contract/api/team';
import type { EngineContext } from '../context';
import { mutates, writes } from '../hooks';
import { transaction, type ReadableDb } from '../ledger/db';
import { ledgerTotals } from '../reports/totals-store';
import { exportBundle } from './export';
import { syncTeamFolder, teamMachines } from './folder-sync';
import { mergeBundles, refreshMachineMembers, undoBundle } from './merge';
import { listBundleImports, readTeamSettings, writeTeamSettings, type BundleImportRow } from './store';

const iso = (ms: number) => new Date(ms).toISOString();

function bundleInfo(b: BundleImportRow): MergedBundleInfo {
  return {
    bundleId: b.id,
    machineId: b.machine_id,
    machineName: b.machine_name,
    member: b.member,
    sequence: b.sequence,
    exportedAt: iso(b.exported_at),
    importedAt: iso(b.imported_at),
    since: b.since_day,
    file: b.file_name,
    status: b.status,
    counts: { new: b.facts_new, duplicate: b.facts_duplicate, revised: b.facts_revised, retracted: b.facts_retracted },
  };
}

const settingsOf = (db: ReadableDb): TeamSettings => readTeamSettings(db);

export const teamHandlers = {
  'team.settings': (_input, ctx) => settingsOf(ctx.db),
  // A member name moves every fact of this machine to it (by member views and budgets change).
  'team.update': mutates(
    'team',
    (input, ctx) => {
      transaction(ctx.db, () => {
        writeTeamSettings(ctx.db, input);
        refreshMachineMembers(ctx.db);
      });
      return settingsOf(ctx.db);
    },
    (_out, input) => input.member !== undefined,
  ),
  'team.setFolder': writes((input, ctx) => {
    transaction(ctx.db, () => writeTeamSettings(ctx.db, { folder: input.path }));
    return settingsOf(ctx.db);
  }),
  'bundle.export': writes((input, ctx) => {
    const { digest: _digest, ...r } = exportBundle(ctx, input)!;
    return r;
  }),
  'team.sync': mutates('import', (_input, ctx) => syncTeamFolder(ctx), (out) => out.merged.length > 0),
  'team.machines': (_input, ctx) => teamMachines(ctx),
  'bundle.import': mutates(
    'import',
    (input, ctx) => ({ files: mergeBundles(ctx, input.paths), totals: ledgerTotals(ctx.db, {}) }),
    (out) => out.files.some((f) => f.status === 'merged'),
  ),
  'bundle.list': (_input, ctx) => listBundleImports(ctx.db).map(bundleInfo),
  'bundle.undo': mutates('undo', (input, ctx) => ({ bundleId: input.bundleId, ...undoBundle(ctx, input.bundleId), totals: ledgerTotals(ctx.db, {}) })),
} satisfies Partial<ApiHandlers<EngineContext>>;
