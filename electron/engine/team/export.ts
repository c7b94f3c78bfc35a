/**
 * `bundle export`: this machine's own facts (what its imports brought or contained, never what it merged
 * from other machines: each machine speaks only for itself), with the batches they come from, the display
 * names and the budgets, written to one file. The file appears whole or not at all (written beside, then
 * renamed): a sync tool never copies half a bundle.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BundleExportResult } from '../../../shared/contract/api/team';
import { listBudgets } from '../budgets/store';
import type { EngineContext } from '../context';
import { transaction } from '../ledger/db';
import type { SqlValue } from '../ledger/sql';
import { listNames } from '../names/store';
import { BUNDLE_KIND, BUNDLE_VERSION, encodeBundle, factLine, type BundleHeader } from './bundle-format';
import { ensureMachineId, localBatches, localFactRows, nextSequence, readTeamSettings } from './store';

export function exportBundle(ctx: EngineContext, input: { path: string; since?: string | undefined }): BundleExportResult {
  const since = input.since ?? null;
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const machineId = ensureMachineId(db);
    const sequence = nextSequence(db);
    const settings = readTeamSettings(db);
    const batches = localBatches(db);
    const lines: string[] = [];
    const used = new Set<number>();
    for (const r of localFactRows(db, batches.map((b) => b.id), since)) {
      lines.push(factLine(r.batch, r.values as SqlValue[]));
      used.add(r.batch);
    }
    const header: BundleHeader = {
      kind: BUNDLE_KIND,
      version: BUNDLE_VERSION,
      machineId,
      machineName: settings.machineName,
      member: settings.member,
      sequence,
      exportedAt: ctx.now(),
      since,
      batches: batches
        .filter((b) => used.has(b.id))
        .map((b) => ({ id: b.id, fileName: basename(b.file_name), sha256: b.sha256, format: b.format, provider: b.provider, grain: b.grain, createdAt: b.created_at, label: b.label })),
      names: listNames(db),
      budgets: listBudgets(db).map((b) => b.definition),
      facts: lines.length,
    };
    const bytes = encodeBundle(header, lines);
    const tmp = `${input.path}.partial`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, input.path);
    return { path: input.path, machineId, sequence, since, batches: header.batches.length, facts: lines.length, bytes: bytes.length };
  });
}
