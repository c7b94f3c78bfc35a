/** The Overview's card: every budget's current period at a glance. */
import { useApiData } from '../../client/use-api';
import { BudgetBar, StateBadge } from './budget-bar';
import { formatBudgetValue } from './budget-format';

export function BudgetCards() {
  const data = useApiData((c) => c.call('budgets.list', {}), []);
  const budgets = data.value;
  return (
    <article className="card budget-cards" aria-labelledby="budget-cards-title" data-testid="budget-cards">
      <h2 id="budget-cards-title">Budgets</h2>
      {!budgets ? (
        <p className="muted">{data.state === 'error' ? 'Budgets are unavailable.' : 'Loading…'}</p>
      ) : budgets.length === 0 ? (
        <p className="muted">
          No budgets yet. <a href="#/budgets?new=1">Set one</a> to be warned before it is blown.
        </p>
      ) : (
        <ul className="budget-cards-list">
          {budgets.slice(0, 5).map((s) => (
            <li key={s.id}>
              <a href={`#/budgets?id=${s.id}`}>{s.definition.name}</a> <StateBadge state={s.state} />
              <BudgetBar status={s} />
              <span className="muted">
                {formatBudgetValue(s, s.spent)} of {formatBudgetValue(s, s.amount)} · {s.period.label}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
