import type { Migration } from './types';

/**
 * The facts of one agent session by its id (an agent's session id, or a VS Code extension's task id, in
 * the tags), then day: the status line asks for the session being worked in after every message, which
 * otherwise reads the tags of every fact of the week.
 */
export const m022SessionIndex: Migration = {
  version: 22,
  name: 'session-index',
  up(db) {
    db.exec(`
      CREATE INDEX usage_facts_session ON usage_facts(coalesce(json_extract(tags, '$.sessionId'), json_extract(tags, '$.taskId')), day)
        WHERE tags IS NOT NULL;
    `);
  },
};
