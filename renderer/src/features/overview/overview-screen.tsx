/** The Overview: one month's spend, forecast, tokens and shares at a glance, with other features' cards. */
import { useState, type ComponentType } from 'react';
import { useApiData } from '../../client/use-api';
import { FxNote } from '../../ui/fx-note';
import '../../ui/dashboard.css';
import { DailyChart } from './daily-chart';
import { FirstRun } from './first-run';
import { HeadlineCards } from './headline-cards';
import { RegionsTable, ShareTable, TokensTable } from './overview-tables';
import { MonthPicker, PeriodNote } from './period-note';
import { UnpricedBanner } from '../../ui/unpriced-banner';
import { ReviewPackButton } from './review-pack';
import { useT } from '../../ui/i18n';
import { FIRST_SCREEN_CALL } from '../../../../shared/contract/first-screen';

/** What the Overview tells each card: the month it shows (a card about a month shows the same one). */
export interface OverviewCardProps {
  month: string;
}

/** `cards`: other features' cards shown below the headline figures (the shell chooses them). */
export function OverviewScreen({ cards }: { cards: readonly ComponentType<OverviewCardProps>[] }) {
  const t = useT();
  const [month, setMonth] = useState<string | null>(null);
  // The engine answers in the saved time zone and display currency, and saving settings is a ledger change
  // (the revision bumps): the request does not wait for the window's copy of the settings, so the window
  // asks once at start instead of once before and once after they arrive.
  const asked = month === null ? {} : { month };
  // One request for the whole first screen, answered from the rollups; only a forecast that would read the facts
  // themselves (`deferred`: a zone with half-hour offsets, or spend to convert outside UTC) is asked apart, once
  // the figures are in, so it never delays them.
  const first = { ...asked, ...FIRST_SCREEN_CALL.input };
  // The page's own first request (client/early.ts) is this call: when its answer is already in, the first
  // frame shows the figures.
  const report = useApiData((c) => c.call('report.overview', first), [month], { method: 'report.overview', input: first });
  const deferred = report.state === 'ready' && report.value.deferred;
  const rest = useApiData((c) => (deferred ? c.call('report.overviewRest', asked) : new Promise<never>(() => {})), [month, deferred]);
  // The chart's code is not run before the figures are painted (its DailyChart imports it then): fetched and
  // run while they were on their way, its 390 KB were often compiled and run just as the answer came in, a
  // 100-200 ms task ahead of the figures' frame. It is only prefetched as their frame is committed (ui/chart.tsx).
  const quick = report.value;
  const o = quick && rest.value?.month === quick.period.month ? { ...quick, ...rest.value, deferred: false } : quick;
  const cur = o?.display.currency ?? 'USD';
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('app.screen.overview')}</h1>
      {report.state === 'error' && (
        <p role="alert" className="error">
          {report.error.message}
        </p>
      )}
      {rest.state === 'error' && (
        <p role="alert" className="error">
          {rest.error.message}
        </p>
      )}
      {!o && report.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {o && o.ledgerFacts === 0 && <FirstRun />}
      {o && o.ledgerFacts > 0 && (
        <>
          <MonthPicker o={o} onPick={setMonth} />
          <ReviewPackButton month={o.period.month} />
          <PeriodNote o={o} />
          <UnpricedBanner unpriced={o.unpriced} />
          <HeadlineCards o={o} cur={cur} />
          <div className="slot-cards cards">
            {cards.map((Card, i) => (
              <Card key={i} month={o.period.month} />
            ))}
          </div>
          <div className="grid-2">
            <TokensTable tokens={o.totals.tokens} />
            <RegionsTable o={o} cur={cur} />
            <ShareTable title={t('overview.topModels')} rows={o.topModels} cur={cur} id="top-models" label={(k) => k ?? t('overview.notResolved')} />
            <ShareTable title={t('overview.topProjects')} rows={o.topProjects} cur={cur} id="top-projects" label={(k) => k ?? t('overview.noProject')} dimension="project" names={o.names} ids={o.ids} />
          </div>
          <DailyChart o={o} />
          <FxNote display={o.display} />
        </>
      )}
    </section>
  );
}
