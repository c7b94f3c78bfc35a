/**
 * Saved column mapping profiles. The roles are kept as JSON: they are read whole, by the
 * wizard and by the importer a profile becomes (profile-importer.ts), never queried by field.
 */
import { headerKey, mappingFormatId, type Delimiter, type MappingProfile, type MappingProfileDraft, type MappingRoles } from '../../../../shared/domain/csv-mapping';
import { all, get, run, type ReadableDb, type WritableDb } from '../../ledger/db';
import { sql } from '../../ledger/sql';

interface Row {
  id: number;
  name: string;
  header_key: string;
  header: string;
  delimiter: string;
  roles: string;
  created_at: number;
  updated_at: number;
}

function rowToProfile(r: Row): MappingProfile {
  return {
    id: r.id,
    formatId: mappingFormatId(r.id),
    name: r.name,
    header: JSON.parse(r.header) as string[],
    delimiter: r.delimiter as Delimiter,
    roles: JSON.parse(r.roles) as MappingRoles,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function listMappingProfiles(db: ReadableDb): MappingProfile[] {
  return all<Row>(db, sql`SELECT * FROM mapping_profiles ORDER BY name COLLATE NOCASE, id`).map(rowToProfile);
}

export function mappingProfileById(db: ReadableDb, id: number): MappingProfile | undefined {
  const r = get<Row>(db, sql`SELECT * FROM mapping_profiles WHERE id = ${id}`);
  return r ? rowToProfile(r) : undefined;
}

export function mappingProfileByName(db: ReadableDb, name: string): MappingProfile | undefined {
  const r = get<Row>(db, sql`SELECT * FROM mapping_profiles WHERE name = ${name.trim()} COLLATE NOCASE`);
  return r ? rowToProfile(r) : undefined;
}

/** The profile for this header and delimiter, if one is saved. */
export function mappingProfileForHeader(db: ReadableDb, header: readonly string[], delimiter: string): MappingProfile | undefined {
  const r = get<Row>(db, sql`SELECT * FROM mapping_profiles WHERE header_key = ${headerKey(header, delimiter)}`);
  return r ? rowToProfile(r) : undefined;
}

/** Insert (no id) or replace (id) a profile; returns it as stored. */
export function saveMappingProfile(db: WritableDb, draft: MappingProfileDraft & { id?: number | undefined }, now: number): MappingProfile {
  const key = headerKey(draft.header, draft.delimiter);
  const header = JSON.stringify(draft.header);
  const roles = JSON.stringify(draft.roles);
  const name = draft.name.trim();
  if (draft.id !== undefined) {
    run(db, sql`UPDATE mapping_profiles SET name = ${name}, header_key = ${key}, header = ${header}, delimiter = ${draft.delimiter},
                roles = ${roles}, updated_at = ${now} WHERE id = ${draft.id}`);
    return mappingProfileById(db, draft.id)!;
  }
  const r = run(db, sql`INSERT INTO mapping_profiles (name, header_key, header, delimiter, roles, created_at, updated_at)
                        VALUES (${name}, ${key}, ${header}, ${draft.delimiter}, ${roles}, ${now}, ${now})`);
  return mappingProfileById(db, Number(r.lastInsertRowid))!;
}

export function removeMappingProfile(db: WritableDb, id: number): boolean {
  return run(db, sql`DELETE FROM mapping_profiles WHERE id = ${id}`).changes > 0;
}
