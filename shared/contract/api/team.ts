/**
 * The team's ledger without a server: each machine exports its own facts as a bundle file, and merges
 * the bundles of the others (by hand, or through a shared folder a sync tool keeps in step).
 */
import { z } from 'zod';
import { method } from '../define';
import { isoDay } from '../schemas';
import type { LedgerTotals } from '../types';

export interface TeamSettings {
  /** This ledger's stable id (made the first time a bundle is written or read). */
  machineId: string | null;
  machineName: string | null;
  /** The member this machine's usage belongs to. */
  member: string | null;
  /** The shared folder bundles are written to and merged from. */
  folder: string | null;
}

export interface BundleExportResult {
  path: string;
  machineId: string;
  sequence: number;
  since: string | null;
  batches: number;
  facts: number;
  /** Facts of the demo data (from `since` on): never exported, counted so the export can say so. */
  demoFactsLeftOut: number;
  bytes: number;
}

export type BundleMergeStatus = 'merged' | 'already-merged' | 'older' | 'own';

export interface BundleMergeFile {
  file: string;
  status: BundleMergeStatus;
  machineId: string;
  machineName: string | null;
  member: string | null;
  sequence: number;
  /** The merge's id (undo takes it); null when nothing was merged. */
  bundleId: number | null;
  counts: { new: number; duplicate: number; revised: number; retracted: number };
}

export interface BundleMergeResult {
  files: BundleMergeFile[];
  totals: LedgerTotals;
}

export interface MergedBundleInfo {
  bundleId: number;
  machineId: string;
  machineName: string | null;
  member: string | null;
  sequence: number;
  exportedAt: string;
  importedAt: string;
  since: string | null;
  file: string;
  status: 'committed' | 'undone';
  counts: { new: number; duplicate: number; revised: number; retracted: number };
}

/** A machine of the team as this ledger knows it: itself, and each machine a bundle was merged from. */
export interface TeamMachine {
  machineId: string;
  machineName: string | null;
  member: string | null;
  self: boolean;
  /** Its latest bundle here (this machine: the latest it wrote to the shared folder). */
  sequence: number | null;
  /** When that bundle was written. */
  lastSync: string | null;
}

export interface TeamSyncResult {
  folder: string;
  /** This machine's bundle changed and was written. */
  wrote: boolean;
  /** The other machines' bundles merged by this sync. */
  merged: BundleMergeFile[];
  machines: TeamMachine[];
}

const optionalName = z.string().trim().min(1).max(120).nullable().optional();

export const teamApi = {
  /** This machine's team settings: its id, its name, its member and the shared folder. */
  'team.settings': method<TeamSettings>()(z.object({}).strict(), "Read this machine's team settings."),
  /** Change the member or the machine's name (null clears one). */
  'team.update': method<TeamSettings>()(z.object({ member: optionalName, machineName: optionalName }).strict(), "Change this machine's team settings."),
  /** Set (or, with null, clear) the shared folder: picked in a native dialog in the desktop app, typed in the browser. */
  'team.setFolder': method<TeamSettings>()(z.object({ path: z.string().min(1).nullable() }).strict(), 'Set the shared team folder.'),
  /** Write this machine's bundle to the shared folder when it changed, and merge the other machines' new bundles. */
  'team.sync': method<TeamSyncResult>()(z.object({}).strict(), 'Sync through the shared team folder.'),
  /** This machine and the machines merged here, each with its last sync. */
  'team.machines': method<TeamMachine[]>()(z.object({}).strict(), 'List the team machines and their last sync.'),
  /** Write this machine's own facts (from `since` on), batches, names and budgets to a bundle file. */
  'bundle.export': method<BundleExportResult>()(
    z.object({ path: z.string().min(1), since: isoDay.optional() }).strict(),
    "Export this machine's facts as a bundle.",
  ),
  /** Merge bundle files: the same bundle twice adds nothing; a newer bundle of a machine revises its facts. */
  'bundle.import': method<BundleMergeResult>()(z.object({ paths: z.array(z.string().min(1)).min(1) }).strict(), 'Merge bundles of other machines.'),
  /** The bundles merged into this ledger, latest first (each machine's last sync is its latest). */
  'bundle.list': method<MergedBundleInfo[]>()(z.object({}).strict(), 'List the merged bundles.'),
  /** Undo one merge of a bundle: the ledger goes back to what it was before it. */
  'bundle.undo': method<{ bundleId: number; removed: number; restored: number; heldMonths: string[]; totals: LedgerTotals }>()(
    z.object({ bundleId: z.number().int().positive() }).strict(),
    'Undo a bundle merge.',
  ),
} as const;
