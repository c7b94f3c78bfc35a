import type { Migration } from './types';

/** The session of a fact as migration 022's index computed it from the tags (and SESSION_OF read it). */
const FROM_TAGS = "coalesce(json_extract(tags, '$.sessionId'), json_extract(tags, '$.taskId'))";

/**
 * The session a fact belongs to, stored: `session`, written with the fact (ledger/facts.ts: from the same
 * tags, an agent's session id else a VS Code extension's task id) instead of an index over the tags, whose
 * two json_extract calls every inserted fact paid. Filled here from the tags for the facts already stored
 * (and their kept history and held copies, which undo and the month close copy back by column), and
 * indexed by (session, day) for the status line's question, as migration 022's index was.
 */
export const m028SessionColumn: Migration = {
  version: 28,
  name: 'session-column',
  up(db) {
    for (const table of ['usage_facts', 'fact_history', 'held_facts']) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN session TEXT;
        UPDATE ${table} SET session = ${FROM_TAGS} WHERE tags IS NOT NULL;
      `);
    }
    db.exec(`
      DROP INDEX usage_facts_session;
      CREATE INDEX usage_facts_session ON usage_facts(session, day) WHERE session IS NOT NULL;
    `);
  },
};
