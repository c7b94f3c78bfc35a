/** Each budget's current period with its figures, Edit and Delete; or what budgets are for when there are none. */
import type { BudgetStatus } from '../../../../shared/contract/api/budgets';
import { StateBadge } from './budget-bar';
import { Figures } from './budget-figures';
import { periodLabel, scopeLabel } from './budget-format';
import { useT } from '../../ui/i18n';

function BudgetItem({ s, selected, onEdit, onRemove }: { s: BudgetStatus; selected: boolean; onEdit(s: BudgetStatus): void; onRemove(s: BudgetStatus): void }) {
  const t = useT();
  return (
    <li className="budget-item" aria-current={selected ? 'true' : undefined} data-testid="budget-item">
      <div className="budget-head">
        <h2>
          <a href={`#/budgets?id=${s.id}`}>{s.definition.name}</a>
        </h2>
        <StateBadge state={s.state} />
        <div className="actions">
          <button type="button" onClick={() => onEdit(s)} aria-label={t('budgets.edit', { name: s.definition.name })}>
            {t('budgets.editButton')}
          </button>
          <button type="button" onClick={() => onRemove(s)} aria-label={t('budgets.delete', { name: s.definition.name })}>
            {t('budgets.deleteButton')}
          </button>
        </div>
      </div>
      <p className="muted budget-meta">
        {periodLabel(s.period, t)} · {scopeLabel(s.definition.scope, t)} · {s.period.timeZone}
        {s.definition.rollover ? ` · ${t('budgets.rollover')}` : ''}
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
  const t = useT();
  if (!budgets) return <p aria-busy="true">{t('app.loading')}</p>;
  if (budgets.length === 0) {
    if (editorOpen) return null;
    return (
      <div className="empty">
        <h2>{t('budgets.none.title')}</h2>
        <p>{t('budgets.none.text')}</p>
      </div>
    );
  }
  return (
    <ul className="budget-list" aria-label={t('app.screen.budgets')}>
      {budgets.map((s) => (
        <BudgetItem key={s.id} s={s} selected={s.id === selected} onEdit={onEdit} onRemove={onRemove} />
      ))}
    </ul>
  );
}
