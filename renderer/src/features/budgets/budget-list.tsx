/** Each budget's current period with its figures, Edit and Delete; or what budgets are for when there are none. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { StateBadge } from './budget-bar';
import { Figures } from './budget-figures';

function BudgetItem({ s, selected, onEdit, onRemove }: { s: BudgetStatus; selected: boolean; onEdit(s: BudgetStatus): void; onRemove(s: BudgetStatus): void }) {
  return (
    <li className="budget-item" aria-current={selected ? 'true' : undefined} data-testid="budget-item">
      <div className="budget-head">
        <h2>
          <a href={`#/budgets?id=${s.id}`}>{s.definition.name}</a>
        </h2>
        <StateBadge state={s.state} />
        <div className="actions">
          <button type="button" onClick={() => onEdit(s)} aria-label={`Edit ${s.definition.name}`}>
            Edit
          </button>
          <button type="button" onClick={() => onRemove(s)} aria-label={`Delete ${s.definition.name}`}>
            Delete
          </button>
        </div>
      </div>
      <p className="muted budget-meta">
        {s.period.label} · {s.scopeLabel} · {s.period.timeZone}
        {s.definition.rollover ? ' · rollover' : ''}
      </p>
      <Figures s={s} />
    </li>
  );
}

export function BudgetList({
  budgets,
  selected,
  editorOpen,
  onEdit,
  onRemove,
}: {
  budgets: BudgetStatus[] | undefined;
  selected: number | null;
  editorOpen: boolean;
  onEdit(s: BudgetStatus): void;
  onRemove(s: BudgetStatus): void;
}) {
  if (!budgets) return <p aria-busy="true">Loading…</p>;
  if (budgets.length === 0) {
    if (editorOpen) return null;
    return (
      <div className="empty">
        <h2>No budgets yet</h2>
        <p>
          Set a monthly budget for the team, a project or a person, in money or in tokens. Token Ledger forecasts the period end from the run rate and
          warns at 50, 80 and 100 %, and before a forecast says you will be over.
        </p>
      </div>
    );
  }
  return (
    <ul className="budget-list" aria-label="Budgets">
      {budgets.map((s) => (
        <BudgetItem key={s.id} s={s} selected={s.id === selected} onEdit={onEdit} onRemove={onRemove} />
      ))}
    </ul>
  );
}
