/** The Overview's card with the three largest tips of the month the Overview shows. */
import type { TipsReport } from '../../../../shared/contract/api/tips';
import { navigate } from '../../client/route';
import type { OverviewCardProps } from '../overview/overview-screen';
import { useApiData } from '../../client/use-api';
import { formatAmounts, formatMonth } from '../../ui/format';
import './tips.css';
import { useSay, useT } from '../../ui/i18n';

export function TopTips({ month }: OverviewCardProps) {
  const data = useApiData<TipsReport>((c) => c.call('tips.list', { period: month }), [month]);
  const t = useT();
  const say = useSay();
  const r = data.value;
  const top = r?.tips.filter((x) => !x.dismissed && Object.keys(x.saving).length > 0).slice(0, 3) ?? [];
  return (
    <article className="card top-tips" aria-labelledby="top-tips-title" data-testid="top-tips">
      <h2 id="top-tips-title">{r ? t('tips.topFor', { period: formatMonth(r.period) }) : t('tips.top')}</h2>
      {!r ? (
        <p className="muted" aria-busy={data.state !== 'error'}>
          {data.state === 'error' ? t('tips.unavailable') : t('app.loading')}
        </p>
      ) : top.length === 0 ? (
        <p className="muted">{t('tips.noSavings')}</p>
      ) : (
        <>
          <ol>
            {top.map((x) => (
              <li key={x.id}>
                {say(x.said.title)}: <span className="money">{formatAmounts(x.saving).join(' + ')}</span>
              </li>
            ))}
          </ol>
          <p>
            <a
              href={`#/tips?period=${r.period}`}
              onClick={(e) => {
                e.preventDefault();
                navigate('tips', { period: r.period });
              }}
            >
              {t('tips.all', { count: r.tips.filter((x) => !x.dismissed).length, saving: formatAmounts(r.totalSaving).join(' + ') || t('tips.noSaving') })}
            </a>
          </p>
        </>
      )}
    </article>
  );
}
