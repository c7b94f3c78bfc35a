/**
 * A budget's period and scope in a reader's language, from the period's key and the scope itself (the
 * engine's English `period.label` and `scopeLabel`, translated): the window's Budgets screen and the review
 * pack say them with the same function.
 */
import type { BudgetScope } from '../domain/budgets/budget';
import type { MessageId, MessageValues } from './index';

export type Words = (id: MessageId, values?: MessageValues) => string;

/** "October 2025" / "2025年10月" for a YYYY-MM month. */
export function monthName(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${month}-01T00:00:00Z`));
}

/**
 * A period's name from its key ('2025-03', '2025-Q1', 'W2025-03-03', 'C2025-03-01..2025-03-20'); the
 * engine's English label for a key of another shape.
 */
export function periodLabel(p: { key: string; label: string }, t: Words, locale: string): string {
  const k = p.key;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2})$/.exec(k))) return monthName(m[1]!, locale);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(k))) return t('budgets.period.quarter', { q: m[2], year: m[1] });
  if ((m = /^W(\d{4}-\d{2}-\d{2})$/.exec(k))) return t('budgets.period.week', { day: m[1] });
  if ((m = /^C(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(k))) return `${m[1]} – ${m[2]}`;
  return p.label;
}

const SCOPE_WORDS: Record<keyof BudgetScope, MessageId> = {
  providers: 'budgets.scopeWord.provider',
  vendors: 'budgets.scopeWord.vendor',
  regions: 'budgets.scopeWord.region',
  models: 'budgets.scopeWord.model',
  projects: 'budgets.scopeWord.project',
  apiKeys: 'budgets.scopeWord.key',
  members: 'budgets.scopeWord.member',
  machines: 'budgets.scopeWord.machine',
  tags: 'budgets.scopeWord.tag',
};

/** "provider openai, project web" / "everything" (the engine's describeScope, translated). */
export function scopeLabel(scope: BudgetScope, t: Words): string {
  const parts = (Object.keys(SCOPE_WORDS) as (keyof BudgetScope)[])
    .filter((f) => scope[f].length > 0)
    .map((f) => t('budgets.scopePart', { field: t(SCOPE_WORDS[f]), values: scope[f].join(t('budgets.scopeOr')) }));
  return parts.length ? parts.join(t('budgets.scopeSep')) : t('budgets.scopeAll');
}
