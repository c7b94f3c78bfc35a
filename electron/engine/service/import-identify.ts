/**
 * Choose a file's importer by CONTENT: every importer looks at the head; exactly one may claim it.
 * No claimant: refused, naming the closest format and what it lacks. Two claimants: refused, never a guess.
 */
import type { FileHead, Importer } from '../importers/types';

export type IdentifyOutcome =
  | { kind: 'importer'; importer: Importer }
  | { kind: 'ambiguous'; importers: Importer[] }
  | { kind: 'unrecognized'; closest: { importer: Importer; score: number; missing: string[] } | null };

export function identifyAmong(importers: readonly Importer[], head: FileHead): IdentifyOutcome {
  const claimants: Importer[] = [];
  let closest: { importer: Importer; score: number; missing: string[] } | null = null;
  for (const importer of importers) {
    const r = importer.identify(head);
    if (r.match) claimants.push(importer);
    else if (closest === null || r.score > closest.score) closest = { importer, score: r.score, missing: r.missing };
  }
  // csv-mapping (issue 3, format 10): a mapping profile (`fallback`) claims a file only when no built-in format does.
  if (claimants.some((i) => !i.fallback)) claimants.splice(0, claimants.length, ...claimants.filter((i) => !i.fallback));
  if (claimants.length === 1) return { kind: 'importer', importer: claimants[0]! };
  if (claimants.length > 1) return { kind: 'ambiguous', importers: claimants };
  return { kind: 'unrecognized', closest };
}

/** The refusal message: file, closest format, the columns or keys it lacks. */
export function refusalMessage(fileName: string, outcome: Exclude<IdentifyOutcome, { kind: 'importer' }>): string {
  if (outcome.kind === 'ambiguous') {
    return `${fileName}: claimed by ${outcome.importers.length} formats (${outcome.importers.map((i) => i.label).join(', ')}); refusing to guess which one it is`;
  }
  const c = outcome.closest;
  if (!c || c.score === 0) return `${fileName}: not a known export format (no known format's columns or keys found)`;
  return `${fileName}: not a known export format. Closest: ${c.importer.label} (${c.importer.id}), which needs ${c.missing.join(', ')}`;
}
