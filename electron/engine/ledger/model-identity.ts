/**
 * The model a report groups by, as SQL over a table with `model` and `day` columns (usage_facts, every
 * rollup): shared/domain/models.ts reportModel, spelled as one CASE so that grouping and filtering by
 * model read the rollups as they are (no stored column to migrate when the catalog learns an alias).
 */
import { SERVED_ALIASES } from '../../../shared/domain/served-aliases';
import { sql, type SqlQuery } from './sql';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function buildCase(model: string, day: string): string {
  const byId = new Map<string, string[]>();
  for (const a of SERVED_ALIASES) {
    const cond = a.until === null ? `${day} >= ${quote(a.from)}` : `${day} >= ${quote(a.from)} AND ${day} < ${quote(a.until)}`;
    byId.set(a.servedId, [...(byId.get(a.servedId) ?? []), `WHEN ${cond} THEN ${quote(a.model)}`]);
  }
  if (byId.size === 0) return model;
  const whens = [...byId].map(([id, w]) => `WHEN ${quote(id)} THEN (CASE ${w.join(' ')} ELSE ${model} END)`);
  return `(CASE ${model} ${whens.join(' ')} ELSE ${model} END)`;
}

const BARE = sql.raw(buildCase('model', 'day'));

/** The report model of a row whose `model` and `day` columns are in scope (optionally of a table alias). */
export function reportModelSql(alias?: string): SqlQuery {
  return alias ? sql.raw(buildCase(`${alias}.model`, `${alias}.day`)) : BARE;
}
