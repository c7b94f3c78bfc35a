/** Which month the Overview shows and how its days are counted; and the banner for usage without a price. */
import type { ReactNode } from 'react';
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatMonth as monthLabel } from '../../ui/format';
import { useT, useTRich } from '../../ui/i18n';

/** The months with data and the current one (the engine's clock), newest first. */
export function MonthPicker({ o, onPick }: { o: ReportOverview; onPick: (month: string) => void }) {
  const t = useT();
  return (
    <label className="month-picker">
      {t('overview.month')}{' '}
      <select data-testid="month" value={o.period.month} onChange={(e) => onPick(e.target.value)}>
        {o.months.map((m) => (
          <option key={m} value={m}>
            {monthLabel(m)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PeriodNote({ o }: { o: ReportOverview }) {
  const t = useT();
  const tRich = useTRich();
  const compared = o.comparison.comparable
    ? t('overview.period.compared', { from: o.previous.from, to: o.previous.to })
    : t('overview.period.notCompared', { month: monthLabel(o.previous.month) });
  const strong = (c: ReactNode[]) => <strong>{c}</strong>;
  return (
    <p className="period-note" data-testid="period" data-from={o.period.from} data-to={o.period.to}>
      {o.period.isCurrentMonth ? (
        tRich('overview.period.current', { month: monthLabel(o.period.month), from: o.period.from, to: o.period.to, compared, strong })
      ) : !o.period.picked ? (
        tRich('overview.period.latest', { month: monthLabel(o.period.month), today: monthLabel(o.today.slice(0, 7)), compared, strong })
      ) : (
        tRich('overview.period.whole', { month: monthLabel(o.period.month), compared, strong })
      )}{' '}
      {o.dayBasis === 'utc' ? t('overview.period.utcDays') : t('overview.period.localDays', { zone: o.timeZone })}
    </p>
  );
}
