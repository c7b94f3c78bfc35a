import type { Migration } from './types';

/**
 * Column mapping profiles: a CSV layout no built-in format reads, mapped once by the
 * user. `header_key` (delimiter + normalized header cells, see shared/domain/csv-mapping.ts headerKey) is
 * what a later file must match to be claimed by the profile: one profile per header.
 */
export const m009MappingProfiles: Migration = {
  version: 9,
  name: 'mapping-profiles',
  up(db) {
    db.exec(`
      CREATE TABLE mapping_profiles (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        header_key  TEXT NOT NULL UNIQUE,
        header      TEXT NOT NULL,
        delimiter   TEXT NOT NULL,
        roles       TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
