/** Which month the Overview shows and how its days are counted; and the banner for usage without a price. */
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatInteger } from '../../ui/format';

function monthLabel(month: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The months with data and the current one (the engine's clock), newest first. */
export function MonthPicker({ o, onPick }: { o: ReportOverview; onPick: (month: string) => void }) {
  return (
    <label className="month-picker">
      Month{' '}
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
  const compared = o.comparison.comparable ? (
    <>
      compared with {o.previous.from} to {o.previous.to}.
    </>
  ) : (
    <>not compared with {monthLabel(o.previous.month)}.</>
  );
  return (
    <p className="period-note" data-testid="period" data-from={o.period.from} data-to={o.period.to}>
      {o.period.isCurrentMonth ? (
        <>
          <strong>{monthLabel(o.period.month)}, month to date</strong> ({o.period.from} to {o.period.to}), {compared}
        </>
      ) : (
        <>
          <strong>{monthLabel(o.period.month)}</strong>
          {!o.period.picked ? <>: the latest month with data (nothing yet in {monthLabel(o.today.slice(0, 7))})</> : ' (the whole month)'}, {compared}
        </>
      )}{' '}
      {o.dayBasis === 'utc'
        ? 'Days are UTC days.'
        : `Days in ${o.timeZone}: request and hourly rows fall on your local day; daily export rows keep the UTC day the export names.`}
    </p>
  );
}

export function UnpricedNote({ unpriced }: { unpriced: ReportOverview['totals']['unpriced'] }) {
  if (unpriced.facts === 0) return null;
  return (
    <div className="banner warn" role="status" data-testid="unpriced-banner">
      <strong>
        {formatInteger(unpriced.tokens)} tokens on {unpriced.models.length} {unpriced.models.length === 1 ? 'model has' : 'models have'} no price
      </strong>
      : {unpriced.models.join(', ')}. They are counted, never costed at zero: add a price on the <a href="#/prices">Prices</a> screen.
    </div>
  );
}
