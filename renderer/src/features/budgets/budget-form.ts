/** The budget editor's form state and its conversion from and to a budget definition. */
import type { BudgetDefinition, BudgetDefinitionInput } from '../../../../shared/domain/budgets/budget';
import type { MessageId } from '../../../../shared/i18n';

/** Each scope field: its key, its label's message id, and example values (ids, not words) as its placeholder. */
export const SCOPE_FIELDS = [
  ['providers', 'budgets.scope.providers', 'openai, anthropic'],
  ['vendors', 'budgets.scope.vendors', 'openai, deepseek'],
  ['regions', 'budgets.scope.regions', 'US, CN, EU, other'],
  ['models', 'budgets.scope.models', 'gpt-4o, claude-sonnet-4'],
  ['projects', 'budgets.scope.projects', 'proj-web'],
  ['apiKeys', 'budgets.scope.apiKeys', 'svc-support'],
  ['members', 'budgets.scope.members', 'maria.rossi'],
  ['machines', 'budgets.scope.machines', '3f9c2a71-8d4e-4b6a-9c0d-5e7f1a2b3c4d'],
  ['tags', 'budgets.scope.tags', 'team_id=team-7f3a'],
] as const satisfies readonly (readonly [string, MessageId, string])[];
export type ScopeKey = (typeof SCOPE_FIELDS)[number][0];

export interface FormState {
  name: string;
  unit: 'money' | 'tokens';
  value: string;
  currency: string;
  tokenClass: string;
  kind: 'month' | 'week' | 'quarter' | 'custom';
  from: string;
  to: string;
  timeZone: string;
  weekStart: 'monday' | 'sunday';
  thresholds: string;
  rollover: boolean;
  notes: string;
  webhookUrl: string;
  scope: Record<ScopeKey, string>;
}

export function emptyForm(tz: string, weekStart: 'monday' | 'sunday', currency: string): FormState {
  return {
    name: '',
    unit: 'money',
    value: '',
    currency,
    tokenClass: 'total',
    kind: 'month',
    from: '',
    to: '',
    timeZone: tz,
    weekStart,
    thresholds: '50, 80, 100',
    rollover: false,
    notes: '',
    webhookUrl: '',
    scope: { providers: '', vendors: '', regions: '', models: '', projects: '', apiKeys: '', members: '', machines: '', tags: '' },
  };
}

export function formFrom(def: BudgetDefinition): FormState {
  return {
    name: def.name,
    unit: def.amount.unit,
    value: String(def.amount.value),
    currency: def.amount.unit === 'money' ? def.amount.currency : 'USD',
    tokenClass: def.amount.unit === 'tokens' ? def.amount.tokenClass : 'total',
    kind: def.period.kind,
    from: def.period.from ?? '',
    to: def.period.to ?? '',
    timeZone: def.period.timeZone,
    weekStart: def.period.weekStart,
    thresholds: def.thresholds.join(', '),
    rollover: def.rollover,
    notes: def.notes,
    webhookUrl: def.webhookUrl ?? '',
    scope: Object.fromEntries(SCOPE_FIELDS.map(([k]) => [k, def.scope[k].join(', ')])) as Record<ScopeKey, string>,
  };
}

const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function definitionFrom(f: FormState): BudgetDefinitionInput {
  return {
    name: f.name,
    amount:
      f.unit === 'money'
        ? { unit: 'money', value: f.value.trim(), currency: f.currency }
        : { unit: 'tokens', value: Number(f.value.replace(/[,_\s]/g, '')), tokenClass: f.tokenClass as 'total' },
    period: {
      kind: f.kind,
      timeZone: f.timeZone,
      weekStart: f.weekStart,
      ...(f.kind === 'custom' ? { from: f.from, to: f.to } : {}),
    },
    thresholds: split(f.thresholds).map(Number),
    rollover: f.rollover,
    notes: f.notes,
    webhookUrl: f.webhookUrl.trim() || null,
    scope: Object.fromEntries(SCOPE_FIELDS.map(([k]) => [k, split(f.scope[k])])) as BudgetDefinitionInput['scope'],
  };
}
