/** Why a tip says what it says: the arithmetic, the prices used, the usage and facts behind it, the assumptions. */
import type { Tip } from '../../../../shared/contract/api/tips';
import { useSay, useT } from '../../ui/i18n';

export function Evidence({ tip, id }: { tip: Tip; id: string }) {
  const e = tip.evidence;
  const t = useT();
  const say = useSay();
  // The rule's formulas, then each cell's saving (said in the window's language).
  const formulas = e.arithmetic.slice(0, e.arithmetic.length - e.savings.length);
  return (
    <div className="tip-evidence" id={id}>
      <h4>{t('tips.ev.arithmetic')}</h4>
      <ul className="arithmetic">
        {formulas.map((a, i) => {
          const formula = tip.said.formulas[i];
          return <li key={i}>{formula ? say(formula) : a}</li>;
        })}
        {e.savings.map((s, i) => (
          <li key={`s${i}`}>{say(s)}</li>
        ))}
      </ul>
      {e.prices.length > 0 && (
        <>
          <h4>{t('tips.ev.prices')}</h4>
          <table className="numbers compact">
            <thead>
              <tr>
                <th scope="col">{t('tips.ev.model')}</th>
                <th scope="col">{t('tips.ev.route')}</th>
                <th scope="col">{t('tips.ev.from')}</th>
                <th scope="col">{t('tips.ev.pricesCol')}</th>
                <th scope="col">{t('tips.ev.applied')}</th>
              </tr>
            </thead>
            <tbody>
              {e.prices.map((p, i) => (
                <tr key={i}>
                  <td>{p.model}</td>
                  <td>{p.route}</td>
                  <td>{p.effectiveFrom.slice(0, 16)}</td>
                  <td className="text">
                    {Object.entries(p.prices)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')}{' '}
                    {p.currency}
                  </td>
                  <td className="text">{p.applied.join(', ') || t('tips.ev.standard')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {e.aggregates.length > 0 && (
        <>
          <h4>{t('tips.ev.usage')}</h4>
          <ul className="aggregates">
            {e.aggregates.map((a) => (
              <li key={a.key}>
                <span className="agg-label">{a.label}</span>:{' '}
                {Object.entries(a.values)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {e.factCount > 0 && (
        <p className="facts" data-testid="tip-facts">
          {t('tips.ev.facts', { count: e.factCount, ids: e.factIds.slice(0, 30).map((id) => `#${id}`).join(', ') })}
          {e.factIds.length > 30 ? ', …' : ''}
        </p>
      )}
      <h4>{t('tips.ev.assumptions')}</h4>
      <ul>
        {tip.said.assumptions.map((a, i) => (
          <li key={i}>{say(a)}</li>
        ))}
      </ul>
    </div>
  );
}
