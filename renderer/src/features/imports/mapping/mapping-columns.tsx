/** Each column of the file with its first values, its role, and whether it identifies the row. */
import type { MappingRoles, MappingSuggestion } from '../../../../../shared/contract/api/mappings';
import { assignRole, COLUMN_ROLES, roleOf, toggleIdentity, type ColumnRole } from './mapping-roles';
import { useT } from '../../../ui/i18n';

export function MappingColumns({
  fileName,
  suggestion,
  roles,
  update,
}: {
  fileName: string;
  suggestion: MappingSuggestion;
  roles: MappingRoles;
  update(f: (r: MappingRoles) => MappingRoles): void;
}) {
  const t = useT();
  const samples = (i: number) =>
    suggestion.rows
      .map((row) => row[i] ?? '')
      .filter((v) => v.trim() !== '')
      .slice(0, 3);
  return (
    <div className="table-scroll">
      <table className="import-table mapping-columns">
        <caption>{t('imports.map.columnsOf', { file: fileName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.map.column')}</th>
            <th scope="col">{t('imports.map.firstValues')}</th>
            <th scope="col">{t('imports.map.role')}</th>
            <th scope="col">{t('imports.map.identifies')}</th>
          </tr>
        </thead>
        <tbody>
          {suggestion.header.map((col, i) => (
            <tr key={`${col}-${i}`} data-column={col}>
              <th scope="row">{col}</th>
              <td className="samples">{samples(i).join(' · ') || <span className="muted">{t('imports.map.empty')}</span>}</td>
              <td>
                <select aria-label={t('imports.map.roleOf', { col })} value={roleOf(roles, col) ?? ''} onChange={(e) => update((r) => assignRole(r, col, (e.target.value || null) as ColumnRole | null))}>
                  <option value="">{t('imports.map.notUsed')}</option>
                  {COLUMN_ROLES.map(([role, label]) => (
                    <option key={role} value={role}>
                      {t(label)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('imports.map.colIdentifies', { col })}
                  checked={roles.identity.some((c) => c.toLowerCase() === col.toLowerCase())}
                  onChange={(e) => update((r) => toggleIdentity(r, col, e.target.checked))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
