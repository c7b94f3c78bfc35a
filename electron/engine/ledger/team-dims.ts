/**
 * The team's two dimensions of a fact, as SQL over usage_facts (alias `f` by default), the ONE rule every
 * rollup, budget, tip cell and export uses:
 * - machine: the machine whose import brought the fact: the merged bundle's machine
 *   (import_batches.origin_machine), else this ledger's own machine id (settings team.machineId);
 * - member: the person the fact names itself (a bill's user column), else the member of its machine as
 *   it stands now (machine_members). Attribution is by machine, not stored per fact: facts imported before
 *   a member name was set belong to the name set later, and a rename moves every fact of the machine
 *   at once (setMachineMember answers the machines whose member changed, so their days are recomputed).
 */
import { all, run, type ReadableDb, type WritableDb } from './db';
import { sql, type SqlQuery } from './sql';

const LOCAL_MACHINE = "(SELECT json_extract(value, '$') FROM settings WHERE key = 'team.machineId')";

const machineText = (a: string) => `coalesce((SELECT b.origin_machine FROM import_batches b WHERE b.id = ${a}.batch_id), ${LOCAL_MACHINE})`;

/** The machine of a fact of usage_facts AS `a`. */
export const factMachineSql = (a = 'f'): SqlQuery => sql.raw(machineText(a));

/** The member of a fact of usage_facts AS `a`. */
export const factMemberSql = (a = 'f'): SqlQuery =>
  sql.raw(`coalesce(${a}.member, (SELECT m.member FROM machine_members m WHERE m.machine_id = ${machineText(a)}))`);

/** A team dimension's SQL over usage_facts AS `a`; any other dimension is its column. */
export function factDimensionSql(dim: string, a = 'f'): SqlQuery {
  if (dim === 'member') return factMemberSql(a);
  if (dim === 'machine') return factMachineSql(a);
  return sql.raw(`${a}.${dim}`);
}

/** Each machine's current member. */
export function machineMembers(db: ReadableDb): Map<string, string | null> {
  return new Map(all<{ machine_id: string; member: string | null }>(db, sql`SELECT machine_id, member FROM machine_members`).map((r) => [r.machine_id, r.member]));
}

/**
 * Bring machine_members in line with this machine's Settings and the latest committed bundle of every
 * other machine. Answers the machines whose member changed (their facts' days must be recomputed).
 */
export function syncMachineMembers(db: WritableDb): string[] {
  const want = new Map<string, string | null>(
    all<{ machine_id: string; member: string | null }>(
      db,
      sql`SELECT b.machine_id, b.member FROM bundle_imports b
          WHERE b.status = 'committed' AND b.sequence = (SELECT max(sequence) FROM bundle_imports x WHERE x.machine_id = b.machine_id AND x.status = 'committed')`,
    ).map((r) => [r.machine_id, r.member]),
  );
  const local = all<{ id: string | null; member: string | null }>(
    db,
    sql`SELECT ${sql.raw(LOCAL_MACHINE)} AS id, (SELECT json_extract(value, '$') FROM settings WHERE key = 'team.member') AS member`,
  )[0];
  if (local?.id) want.set(local.id, local.member);
  const have = machineMembers(db);
  const changed: string[] = [];
  for (const [id, member] of want) {
    if (have.has(id) && have.get(id) === member) continue;
    run(db, sql`INSERT INTO machine_members (machine_id, member) VALUES (${id}, ${member}) ON CONFLICT (machine_id) DO UPDATE SET member = excluded.member`);
    changed.push(id);
  }
  for (const id of have.keys()) {
    if (want.has(id)) continue;
    run(db, sql`DELETE FROM machine_members WHERE machine_id = ${id}`);
    changed.push(id);
  }
  return changed;
}

/** The UTC days holding facts of these machines. */
export function daysOfMachines(db: ReadableDb, machines: readonly string[]): string[] {
  if (machines.length === 0) return [];
  return all<{ day: string }>(db, sql`SELECT DISTINCT f.day FROM usage_facts f WHERE ${factMachineSql()} IN ${sql.in(machines)}`).map((r) => r.day);
}

/** Each machine's name: this one's from Settings (else "this machine"), the others' from their latest bundle (else the id's first 8). */
export function machineNames(db: ReadableDb): Record<string, string> {
  const rows = all<{ id: string; name: string | null; local: number }>(
    db,
    sql`SELECT ${sql.raw(LOCAL_MACHINE)} AS id, (SELECT json_extract(value, '$') FROM settings WHERE key = 'team.machineName') AS name, 1 AS local
        UNION ALL
        SELECT b.machine_id, b.machine_name, 0 FROM bundle_imports b
        WHERE b.sequence = (SELECT max(sequence) FROM bundle_imports x WHERE x.machine_id = b.machine_id)`,
  );
  const out: Record<string, string> = {};
  for (const r of rows) if (r.id && !(r.id in out)) out[r.id] = r.name ?? (r.local ? 'this machine' : r.id.slice(0, 8));
  return out;
}
