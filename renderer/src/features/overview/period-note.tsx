/** Which month the Overview shows and how its days are counted; and the banner for usage without a price. */
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatInteger } from '../../ui/format';

function monthLabel(month: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

export function PeriodNote({ o }: { o: ReportOverview }) {
  return (
    <p className="period-note" data-testid="period" data-from={o.period.from} data-to={o.period.to}>
      {o.period.isCurrentMonth ? (
        <>
          <strong>{monthLabel(o.period.month)}, month to date</strong> ({o.period.from} to {o.period.to}), compared with {o.previous.from} to {o.previous.to}.
        </>
      ) : (
        <>
          <strong>{monthLabel(o.period.month)}</strong>: the latest month with data (nothing yet in {monthLabel(o.today.slice(0, 7))}), compared with{' '}
          {monthLabel(o.previous.month)}.
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
