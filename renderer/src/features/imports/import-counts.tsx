/** Rows by class (new, duplicate, revised, skipped, cannot be read) and file sizes, as the Imports screen shows them. */
import type { ImportCounts } from '../../../../shared/contract/types';
import { formatInteger } from '../../ui/format';

export const COUNT_LABELS: Record<keyof ImportCounts, string> = {
  new: 'New',
  duplicate: 'Duplicate',
  revised: 'Revised',
  skipped: 'Skipped',
  error: 'Cannot be read',
};
export const COUNT_KEYS = Object.keys(COUNT_LABELS) as (keyof ImportCounts)[];

export function formatBytes(n: number): string {
  if (n < 1024) return `${formatInteger(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Rows by class, as a compact list of labelled figures. */
export function ImportCountList({ counts, testId }: { counts: ImportCounts; testId?: string }) {
  return (
    <dl className="import-counts" data-testid={testId}>
      {COUNT_KEYS.map((k) => (
        <div key={k} className={`count count-${k}${counts[k] === 0 ? ' zero' : ''}`}>
          <dt>{COUNT_LABELS[k]}</dt>
          <dd data-count={k}>{formatInteger(counts[k])}</dd>
        </div>
      ))}
    </dl>
  );
}
