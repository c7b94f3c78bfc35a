/**
 * `bundle export`: this machine's own facts (what its imports brought or contained, never what it merged
 * from other machines: each machine speaks only for itself), with the batches they come from, the display
 * names and the budgets, written to one file. The file appears whole or not at all (written beside, then
 * renamed): a sync tool never copies half a bundle.
 */
import { createHash } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BundleExportResult } from '../../../shared/contract/api/team';
import { listBudgets } from '../budgets/store';
import type { EngineContext } from '../context';
import { transaction, type ReadableDb } from '../ledger/db';
import type { SqlValue } from '../ledger/sql';
import { listNames } from '../names/store';
import { BUNDLE_KIND, BUNDLE_VERSION, encodeBundle, factLine, type BundleHeader } from './bundle-format';
import { demoFactCount, ensureMachineId, localBatches, localFactRows, nextSequence, readTeamSettings } from './store';

type Content = Omit<BundleHeader, 'sequence' | 'exportedAt' | 'machineId'> & { lines: string[] };

/** What a bundle of this ledger carries, but its sequence and time. */
function bundleContent(db: ReadableDb, since: string | null): Content {
  const settings = readTeamSettings(db);
  const batches = localBatches(db);
  const lines: string[] = [];
  const used = new Set<number>();
  for (const r of localFactRows(db, batches.map((b) => b.id), since)) {
    lines.push(factLine(r.batch, r.values as SqlValue[]));
    used.add(r.batch);
  }
  return {
    kind: BUNDLE_KIND,
    version: BUNDLE_VERSION,
    machineName: settings.machineName,
    member: settings.member,
    since,
    batches: batches
      .filter((b) => used.has(b.id))
      .map((b) => ({ id: b.id, fileName: basename(b.file_name), sha256: b.sha256, format: b.format, provider: b.provider, grain: b.grain, createdAt: b.created_at, label: b.label })),
    names: listNames(db),
    budgets: listBudgets(db).map((b) => b.definition),
    facts: lines.length,
    lines,
  };
}

/** A digest of a bundle's content (not its sequence or time): the shared folder rewrites a bundle only when it changes. */
export function contentDigest(c: Content): string {
  const { lines, ...rest } = c;
  const h = createHash('sha256').update(JSON.stringify(rest));
  for (const l of lines) h.update('\n').update(l);
  return h.digest('hex');
}

/**
 * Write this machine's bundle to `path`. With `unlessDigest`, nothing is written (null is answered) when
 * the content's digest is that one.
 */
export function exportBundle(ctx: EngineContext, input: { path: string; since?: string | undefined }, unlessDigest?: string | null): (BundleExportResult & { digest: string }) | null {
  const since = input.since ?? null;
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const content = bundleContent(db, since);
    const digest = contentDigest(content);
    if (unlessDigest !== undefined && unlessDigest === digest) return null;
    const machineId = ensureMachineId(db);
    const sequence = nextSequence(db);
    const { lines, ...rest } = content;
    const header: BundleHeader = { ...rest, machineId, sequence, exportedAt: ctx.now() };
    const bytes = encodeBundle(header, lines);
    const tmp = `${input.path}.partial`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, input.path);
    return { path: input.path, machineId, sequence, since, batches: header.batches.length, facts: lines.length, demoFactsLeftOut: demoFactCount(db, since), bytes: bytes.length, digest };
  });
}
