import type { Migration } from './types';

/**
 * The facts' CHECK constraints that allow one of three or more values, written `column IN (...)` since
 * version 1, are the same constraints written as `column = ... OR column = ...`. In a CHECK, SQLite
 * builds a table of an IN list's values for every row it checks (EXPLAIN: an OpenEphemeral per list per
 * row, never once per statement as in a query), and those four lists were most of inserting a fact:
 * 1M facts inserted through the sqlite3 CLI (INSERT ... SELECT, every index kept): 6.0-8.3 s of CPU with
 * them, 2.7-3.5 s written with `=` and `OR`, 2.9-3.6 s without the four. A list of two values
 * (`counts_tokens`, `plan`) is compared without a table.
 *
 * How: the IN constraints are taken out of the table's SQL in sqlite_schema (SQLite's documented procedure
 * for removing CHECK constraints: writable_schema, schema_version + 1), then added back as named table
 * constraints with ALTER TABLE ADD CONSTRAINT (SQLite 3.53), which checks every stored fact against them
 * (1M facts: 0.1-0.5 s a constraint). The table is never copied. Frozen: the four columns and their
 * values as of version 31.
 */
const CHECKS: ReadonlyArray<[column: string, values: string[]]> = [
  ['granularity', ['request', 'hour', 'day', 'month']],
  ['origin_region', ['US', 'CN', 'EU', 'other']],
  ['line_type', ['usage', 'cost', 'credit', 'tax', 'fee']],
  ['price_status', ['priced', 'unpriced', 'not_applicable']],
];

const quoted = (values: string[]) => values.map((v) => `'${v}'`);

export const m031FactChecks: Migration = {
  version: 31,
  name: 'fact-checks',
  up(db) {
    const before = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'usage_facts'").pluck().get() as string;
    let sql = before;
    for (const [column, values] of CHECKS) {
      const check = ` CHECK (${column} IN (${quoted(values).join(', ')}))`;
      // Migration 1 wrote each once; a table that read otherwise would keep it beside the new one (slower, as strict).
      if (sql.split(check).length === 2) sql = sql.replace(check, '');
    }
    if (sql !== before) {
      // The SQL parses before it becomes the table's: a table whose SQL does not parse is a ledger that does not open.
      db.exec(sql.replace(/^CREATE TABLE usage_facts\b/, 'CREATE TEMP TABLE usage_facts_m031'));
      db.exec('DROP TABLE temp.usage_facts_m031');
      const version = db.pragma('schema_version', { simple: true }) as number;
      // writable_schema is refused in better-sqlite3's defensive mode; only this migration leaves that mode, and only here.
      db.unsafeMode(true);
      try {
        db.pragma('writable_schema = ON');
        db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'usage_facts'").run(sql);
        db.pragma(`schema_version = ${version + 1}`);
      } finally {
        db.pragma('writable_schema = OFF');
        db.unsafeMode(false);
      }
    }
    for (const [column, values] of CHECKS) {
      db.exec(`ALTER TABLE usage_facts ADD CONSTRAINT usage_facts_${column} CHECK (${quoted(values).map((v) => `${column} = ${v}`).join(' OR ')})`);
    }
  },
};
