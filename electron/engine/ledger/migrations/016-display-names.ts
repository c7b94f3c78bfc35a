import type { Migration } from './types';

/**
 * Display names the user gives to the ids the exports carry: a project, an API key, a member or an
 * account (`wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ` -> "Support bot"). The facts keep the id; every screen,
 * table and export shows the name beside or instead of it.
 */
export const m016DisplayNames: Migration = {
  version: 16,
  name: 'display-names',
  up(db) {
    db.exec(`
      CREATE TABLE display_names (
        dimension  TEXT NOT NULL CHECK (dimension IN ('project', 'api_key', 'member', 'account')),
        value      TEXT NOT NULL,
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (dimension, value)
      ) STRICT;
    `);
  },
};
