/** "▲ 12.3%": the change from the previous period (red when spend goes up, green when it goes down). */
import { formatPercent } from '../../ui/format';
import { useT } from '../../ui/i18n';

export function Change({ now, before, money }: { now: string | null; before: string | null; money?: boolean }) {
  const t = useT();
  if (now === null || before === null) return null;
  const a = Number(now);
  const b = Number(before);
  if (b === 0) return <span className="change">{a === 0 ? t('overview.change.none') : t('overview.change.new')}</span>;
  const pct = ((a - b) / Math.abs(b)) * 100;
  const cls = Math.abs(pct) < 0.05 ? '' : pct > 0 ? (money ? 'up' : '') : money ? 'down' : '';
  return (
    <span className={`change ${cls}`}>
      {pct > 0 ? '▲' : pct < 0 ? '▼' : ''} {formatPercent(Math.abs(pct) / 100)}
    </span>
  );
}
