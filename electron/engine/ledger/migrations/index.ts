/**
 * Numbered schema migrations, as code (bundled with the app, never .sql assets). All pending migrations
 * run in ONE transaction under PRAGMA user_version; when one of them touches a table derived from the
 * facts, `rebuildDerived` (today's code, passed in by the caller) refills those tables in the same
 * transaction.
 *
 * Checklist to add one: a new file N+1 holding its own SQL (never edit a shipped one, never import live
 * code into it), appended to MIGRATIONS; a test in migrations.test.ts that opens a file at version N and
 * checks the change; the schema snapshot (schema.snapshot.sql) regenerated and reviewed.
 */
import { existsSync, statSync } from 'node:fs';
import type { WritableDb } from '../db';
import { m001Ledger } from './001-ledger';
import { m002ImportHistory } from './002-import-history';
import { m003Prices } from './003-prices';
import { m004Rollups } from './004-rollups';
import { m005Budgets } from './005-budgets';
import { m006TipDismissals } from './006-tip-dismissals';
import { m007FactClaims } from './007-fact-claims';
import { m008RollupNarrow } from './008-rollup-narrow';
import { m009MappingProfiles } from './009-mapping-profiles';
import { m010RollupHourly } from './010-rollup-hourly';
import { m011TipsBudgetsRollups } from './011-tips-budgets-rollups';
import { m012RollupHourlySpend } from './012-rollup-hourly-spend';
import { m013RecordedCost } from './013-recorded-cost';
import { m014BucketNominalDay } from './014-bucket-nominal-day';
import { m015DemoBatches } from './015-demo-batches';
import { m016DisplayNames } from './016-display-names';
import { m017TeamBundles } from './017-team-bundles';
import { m018UsagePlans } from './018-usage-plans';
import { m019ImportFileState } from './019-import-file-state';
import { m020TeamDimensions } from './020-team-dimensions';
import { m021MonthClose } from './021-month-close';
import { m022SessionIndex } from './022-session-index';
import { m023FactDayIndex } from './023-fact-day-index';
import { m024HeldChanges } from './024-held-changes';
import { m025DeliverySaid } from './025-delivery-said';
import { m026UnestimatedIndex } from './026-unestimated-index';
import { m027RollupKeys } from './027-rollup-keys';
import { m028SessionColumn } from './028-session-column';
import { m029UnestimatedCovering } from './029-unestimated-covering';
import { m030OverviewReads } from './030-overview-reads';
import { m031FactChecks } from './031-fact-checks';
import { m032FactBatchDeferred } from './032-fact-batch-deferred';
import type { Migration } from './types';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [
  m001Ledger,
  m002ImportHistory,
  m003Prices,
  m004Rollups,
  m005Budgets,
  m006TipDismissals,
  m007FactClaims,
  m008RollupNarrow,
  m009MappingProfiles,
  m010RollupHourly,
  m011TipsBudgetsRollups,
  m012RollupHourlySpend,
  m013RecordedCost,
  m014BucketNominalDay,
  m015DemoBatches,
  m016DisplayNames,
  m017TeamBundles,
  m018UsagePlans,
  m019ImportFileState,
  m020TeamDimensions,
  m021MonthClose,
  m022SessionIndex,
  m023FactDayIndex,
  m024HeldChanges,
  m025DeliverySaid,
  m026UnestimatedIndex,
  m027RollupKeys,
  m028SessionColumn,
  m029UnestimatedCovering,
  m030OverviewReads,
  m031FactChecks,
  m032FactBatchDeferred,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

function hasUserTables(db: WritableDb): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as {
    n: number;
  };
  return row.n > 0;
}

/** Path of the copy kept before migrating `path` from `from` to `to`. */
export function backupPathFor(path: string, from: number, to: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${path}.v${from}-to-v${to}.${stamp}.bak`;
}

/**
 * Bring `db` to the last version of `migrations`. `rebuildDerived` refills the derived tables when a
 * pending migration touched one (without it they are left as the migrations made them: tests that stop
 * at an old version pass none).
 */
export function migrate(
  db: WritableDb,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
  rebuildDerived?: (db: WritableDb) => void,
): { version: number; backupPath: string | null } {
  const latest = migrations[migrations.length - 1]!.version;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current >= latest) return { version: current, backupPath: null };
  const pending = migrations.filter((m) => m.version > current);
  let backupPath: string | null = null;
  if (path !== ':memory:' && hasUserTables(db) && existsSync(path) && statSync(path).size > 0) {
    backupPath = backupPathFor(path, current, latest);
    // VACUUM INTO writes a consistent copy even in WAL mode.
    db.prepare('VACUUM INTO ?').run(backupPath);
  }
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    if (rebuildDerived && pending.some((m) => m.derived)) rebuildDerived(db);
  }).immediate();
  return { version: latest, backupPath };
}
