/**
 * A budget scope field (comma-separated values) that autocompletes the value being typed from the
 * ledger's values of its dimension (names.values), matching the id or the display name; each suggestion
 * completes the last value and keeps the ones before it.
 */
import { useId } from 'react';
import type { MethodInput } from '../../../../shared/contract/methods';
import { useApiData } from '../../client/use-api';
import type { ScopeKey } from './budget-form';

type ValueDimension = MethodInput<'names.values'>['dimension'];

/** The ledger dimension each scope field names (tags have none to suggest). */
const SCOPE_DIMENSION: Record<ScopeKey, ValueDimension | null> = {
  providers: 'provider',
  vendors: 'vendor',
  regions: 'origin_region',
  models: 'model',
  projects: 'project',
  apiKeys: 'api_key',
  members: 'member',
  machines: 'machine',
  tags: null,
};

export function ScopeInput({ scopeKey, value, hint, onChange }: { scopeKey: ScopeKey; value: string; hint: string; onChange(v: string): void }) {
  const listId = useId();
  const dimension = SCOPE_DIMENSION[scopeKey];
  const cut = value.lastIndexOf(',');
  const before = cut < 0 ? '' : `${value.slice(0, cut + 1)} `;
  const typed = value.slice(cut + 1).trim();
  const chosen = new Set(value.split(',').map((s) => s.trim()).filter(Boolean));
  const options = useApiData(
    (c) => (dimension ? c.call('names.values', { dimension, ...(typed ? { search: typed } : {}), limit: 20 }) : Promise.resolve([])),
    [dimension, typed],
  );
  const suggestions = (options.value ?? []).filter((o) => !chosen.has(o.value) || o.value === typed);
  return (
    <>
      <input value={value} placeholder={hint} list={dimension ? listId : undefined} onChange={(e) => onChange(e.target.value)} />
      {dimension && (
        <datalist id={listId} data-testid={`scope-options-${scopeKey}`}>
          {suggestions.map((o) => (
            <option key={o.value} value={`${before}${o.value}`.replace(/^\s+/, '')}>
              {o.name ?? o.value}
            </option>
          ))}
        </datalist>
      )}
    </>
  );
}
