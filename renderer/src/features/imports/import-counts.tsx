/** Rows by class (new, duplicate, revised, skipped, cannot be read) and file sizes, as the Imports screen shows them. */
import type { ImportCounts } from '../../../../shared/contract/types';
import { formatInteger, formatNumber } from '../../ui/format';
import { useT } from '../../ui/i18n';
import type { MessageId } from '../../../../shared/i18n';

export const COUNT_LABELS: Record<keyof ImportCounts, MessageId> = {
  new: 'imports.count.new',
  duplicate: 'imports.count.duplicate',
  revised: 'imports.count.revised',
  skipped: 'imports.count.skipped',
  error: 'imports.count.error',
};
export const COUNT_KEYS = Object.keys(COUNT_LABELS) as (keyof ImportCounts)[];

export function formatBytes(n: number): string {
  if (n < 1024) return `${formatInteger(n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 1)} KB`;
  return `${formatNumber(n / 1024 / 1024, 1)} MB`;
}

/** Rows by class, as a compact list of labelled figures. */
export function ImportCountList({ counts, testId }: { counts: ImportCounts; testId?: string }) {
  const t = useT();
  return (
    <dl className="import-counts" data-testid={testId}>
      {COUNT_KEYS.map((k) => (
        <div key={k} className={`count count-${k}${counts[k] === 0 ? ' zero' : ''}`}>
          <dt>{t(COUNT_LABELS[k])}</dt>
          <dd data-count={k}>{formatInteger(counts[k])}</dd>
        </div>
      ))}
    </dl>
  );
}
