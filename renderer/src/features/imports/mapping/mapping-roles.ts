/** The wizard's view of a profile's roles: one role per column, set and read by role key. */
import type { MappingRoles } from '../../../../../shared/contract/api/mappings';
import { normalizeHeaderCell } from '../../../../../shared/domain/csv-mapping';
import type { MessageId } from '../../../../../shared/i18n';

export const COLUMN_ROLES = [
  ['start', 'imports.role.start'],
  ['end', 'imports.role.end'],
  ['model', 'imports.role.model'],
  ['input', 'imports.role.input'],
  ['cacheRead', 'imports.role.cacheRead'],
  ['cacheWrite', 'imports.role.cacheWrite'],
  ['output', 'imports.role.output'],
  ['reasoning', 'imports.role.reasoning'],
  ['requests', 'imports.role.requests'],
  ['cost', 'imports.role.cost'],
  ['currencyColumn', 'imports.role.currency'],
  ['project', 'imports.role.project'],
  ['apiKey', 'imports.role.apiKey'],
  ['member', 'imports.role.member'],
  ['account', 'imports.role.account'],
] as const satisfies readonly (readonly [string, MessageId])[];

export type ColumnRole = (typeof COLUMN_ROLES)[number][0];

function roleColumn(r: MappingRoles, role: ColumnRole): string | null {
  switch (role) {
    case 'start':
      return r.time.start || null;
    case 'end':
      return r.time.end;
    case 'input':
    case 'cacheRead':
    case 'cacheWrite':
    case 'output':
    case 'reasoning':
      return r.tokens[role];
    default:
      return r[role];
  }
}

function setRoleColumn(r: MappingRoles, role: ColumnRole, column: string | null): MappingRoles {
  switch (role) {
    case 'start':
      return { ...r, time: { ...r.time, start: column ?? '' } };
    case 'end':
      return { ...r, time: { ...r.time, end: column } };
    case 'input':
    case 'cacheRead':
    case 'cacheWrite':
    case 'output':
    case 'reasoning':
      return { ...r, tokens: { ...r.tokens, [role]: column } };
    default:
      return { ...r, [role]: column };
  }
}

const same = (a: string | null, b: string) => a !== null && normalizeHeaderCell(a) === normalizeHeaderCell(b);

/** The role a column plays, or null. */
export function roleOf(r: MappingRoles, column: string): ColumnRole | null {
  for (const [role] of COLUMN_ROLES) if (same(roleColumn(r, role), column)) return role;
  return null;
}

/** Give `column` the role `role` (null: no role): the column leaves its old role, the role leaves its old column. */
export function assignRole(r: MappingRoles, column: string, role: ColumnRole | null): MappingRoles {
  let out = r;
  const old = roleOf(r, column);
  if (old !== null) out = setRoleColumn(out, old, null);
  if (role !== null) out = setRoleColumn(out, role, column);
  // A fixed currency is for a cost without a currency column.
  if (role === 'currencyColumn') out = { ...out, currency: null };
  if (old === 'currencyColumn' && out.currencyColumn === null && out.cost !== null && out.currency === null) out = { ...out, currency: 'USD' };
  return out;
}

export function toggleIdentity(r: MappingRoles, column: string, on: boolean): MappingRoles {
  const rest = r.identity.filter((c) => !same(c, column));
  return { ...r, identity: on ? [...rest, column] : rest };
}
