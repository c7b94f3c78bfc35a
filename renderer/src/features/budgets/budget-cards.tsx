/** The Overview's card: every budget's current period at a glance. */
import { useApiData } from '../../client/use-api';
import { BudgetBar, StateBadge } from './budget-bar';
import { formatBudgetValue, periodLabel } from './budget-format';
import { useT, useTRich } from '../../ui/i18n';

export function BudgetCards() {
  const data = useApiData((c) => c.call('budgets.list', {}), []);
  const budgets = data.value;
  const t = useT();
  const tRich = useTRich();
  return (
    <article className="card budget-cards" aria-labelledby="budget-cards-title" data-testid="budget-cards">
      <h2 id="budget-cards-title">{t('app.screen.budgets')}</h2>
      {!budgets ? (
        <p className="muted" aria-busy={data.state !== 'error'}>
          {data.state === 'error' ? t('budgets.unavailable') : t('app.loading')}
        </p>
      ) : budgets.length === 0 ? (
        <p className="muted">
          {tRich('budgets.noneCard', { link: (c) => <a href="#/budgets?new=1">{c}</a> })}
        </p>
      ) : (
        <ul className="budget-cards-list">
          {budgets.slice(0, 5).map((s) => (
            <li key={s.id}>
              <a href={`#/budgets?id=${s.id}`}>{s.definition.name}</a> <StateBadge state={s.state} />
              <BudgetBar status={s} />
              <span className="muted">
                {t('budgets.spentOf', { spent: formatBudgetValue(s, s.spent, t), amount: formatBudgetValue(s, s.amount, t) })} · {periodLabel(s.period, t)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
