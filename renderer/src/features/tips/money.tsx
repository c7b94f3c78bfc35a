import { formatAmounts } from '../../ui/format';

/** Amounts in their currencies ("$5.34 + ¥44.08"), or a dash when there are none. */
export function Money({ amounts, testId }: { amounts: Record<string, string>; testId?: string }) {
  const list = formatAmounts(amounts);
  return (
    <span className="money" data-testid={testId}>
      {list.length ? list.join(' + ') : '—'}
    </span>
  );
}
