/** Why a tip says what it says: the arithmetic, the prices used, the usage and facts behind it, the assumptions. */
import type { Tip } from '../../../../shared/contract/api/tips';
import { useSay, useT } from '../../ui/i18n';

type T = ReturnType<typeof useT>;

/** The engine's evidence keys (token classes, counts) with a message of their own. */
const KEYS = {
  input: 'tips.ev.key.input',
  cache_read: 'tips.ev.key.cache_read',
  cache_write: 'tips.ev.key.cache_write',
  cache_write_5m: 'tips.ev.key.cache_write_5m',
  cache_write_1h: 'tips.ev.key.cache_write_1h',
  output: 'tips.ev.key.output',
  reasoning: 'tips.ev.key.reasoning',
  requests: 'tips.ev.key.requests',
  facts: 'tips.ev.key.facts',
  prompt: 'tips.ev.key.prompt',
  'prompt per request': 'tips.ev.key.promptPerRequest',
  billed: 'tips.ev.key.billed',
  'book estimate': 'tips.ev.key.bookEstimate',
  'price index': 'tips.ev.key.priceIndex',
} as const;

const MONTH_KEYS = { tokens: 'tips.ev.key.monthTokens', share: 'tips.ev.key.monthShare', spend: 'tips.ev.key.monthSpend' } as const;

/** An evidence key in the window's language ("2025-09 share", "03h" and the token classes); another key as it is. */
function keyText(t: T, key: string): string {
  if (Object.hasOwn(KEYS, key)) return t(KEYS[key as keyof typeof KEYS]);
  const month = /^(\d{4}-\d{2}) (tokens|share|spend)$/.exec(key);
  if (month) return t(MONTH_KEYS[month[2] as keyof typeof MONTH_KEYS], { month: month[1] });
  const hour = /^(\d{2})h$/.exec(key);
  return hour ? t('tips.ev.key.hour', { hour: hour[1] }) : key;
}

export function Evidence({ tip, id }: { tip: Tip; id: string }) {
  const e = tip.evidence;
  const t = useT();
  const say = useSay();
  return (
    <div className="tip-evidence" id={id}>
      <h4>{t('tips.ev.arithmetic')}</h4>
      <ul className="arithmetic">
        {/* The rule's formulas, then each cell's saving, in the window's language. */}
        {tip.said.formulas.map((f, i) => (
          <li key={i}>{say(f)}</li>
        ))}
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
                      .map(([k, v]) => `${keyText(t, k)} ${v}`)
                      .join(', ')}{' '}
                    {p.currency}
                  </td>
                  <td className="text">{p.appliedSaid.map(say).join(', ') || t('tips.ev.standard')}</td>
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
                <span className="agg-label">{say(a.said)}</span>:{' '}
                {Object.entries(a.values)
                  .map(([k, v]) => `${keyText(t, k)} ${v}`)
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
