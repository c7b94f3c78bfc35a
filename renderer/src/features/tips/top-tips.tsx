/** The Overview's card with the three largest tips of the month. */
import type { TipsReport } from '../../../../shared/contract/api/tips';
import { navigate } from '../../client/route';
import { useApiData } from '../../client/use-api';
import { formatAmounts } from '../../ui/format';
import './tips.css';

export function TopTips() {
  const data = useApiData<TipsReport>((c) => c.call('tips.list', {}), []);
  const r = data.value;
  const top = r?.tips.filter((t) => !t.dismissed && Object.keys(t.saving).length > 0).slice(0, 3) ?? [];
  return (
    <article className="card top-tips" aria-labelledby="top-tips-title" data-testid="top-tips">
      <h2 id="top-tips-title">Top tips{r ? ` for ${r.period}` : ''}</h2>
      {!r ? (
        <p className="muted">{data.state === 'error' ? 'Tips are unavailable.' : 'Loading…'}</p>
      ) : top.length === 0 ? (
        <p className="muted">No savings found this month.</p>
      ) : (
        <>
          <ol>
            {top.map((t) => (
              <li key={t.id}>
                {t.title}: <span className="money">{formatAmounts(t.saving).join(' + ')}</span>
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
              All {r.tips.filter((t) => !t.dismissed).length} tips, {formatAmounts(r.totalSaving).join(' + ') || 'no saving'} combined
            </a>
          </p>
        </>
      )}
    </article>
  );
}
