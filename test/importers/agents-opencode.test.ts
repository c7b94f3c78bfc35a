/**
 * opencode's store is a SQLite file the agent may be writing while we read: read-only, the live WAL
 * included, and nothing created beside it. Its older JSON store counts too, except what the database holds.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { AGENTS, AGENT_EXPECTED, agentFacts, totalsOf, writeTree } from './agents-helpers';

const SAMPLE_DB = join(AGENTS, 'opencode', 'opencode.db');
const want = AGENT_EXPECTED['agents/opencode']!;

function addCall(db: Database.Database, n: number, opts: { input: number; cost: number; messageTokens?: boolean } = { input: 100, cost: 0.01 }): void {
  const t = Date.UTC(2025, 8, 30, 12, 0, n);
  const tokens = { input: opts.input, output: 10, reasoning: 0, cache: { read: 0, write: 0 } };
  db.prepare('INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)').run(
    `msg_live${n}`,
    'ses_995fed55002bN6jBwTbVAYaafY',
    t,
    t,
    JSON.stringify({ role: 'assistant', time: { created: t, completed: t + 500 }, modelID: 'kimi-k2-0905-preview', providerID: 'moonshotai', path: { cwd: '/home/dev/ledger-ui' }, cost: opts.cost, tokens }),
  );
  db.prepare('INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    `prt_live${n}`,
    `msg_live${n}`,
    'ses_995fed55002bN6jBwTbVAYaafY',
    t + 500,
    t + 500,
    JSON.stringify({ type: 'step-finish', reason: 'stop', cost: opts.cost, tokens: { ...tokens, total: opts.input + 10 } }),
  );
}

describe('the opencode database', () => {
  it('is read while the agent holds it open in WAL mode: the calls still in the WAL count, the agent keeps writing, nothing new appears beside it', async () => {
    const dir = tempDir();
    const path = join(dir, 'opencode.db');
    copyFileSync(SAMPLE_DB, path);
    const agent = new Database(path);
    try {
      agent.pragma('journal_mode = WAL');
      agent.pragma('wal_autocheckpoint = 0'); // what the agent writes stays in the -wal file
      addCall(agent, 1);
      const files = readdirSync(dir).sort();
      expect(files).toEqual(['opencode.db', 'opencode.db-shm', 'opencode.db-wal']);

      const { facts } = await agentFacts(path);
      expect(totalsOf(facts)).toMatchObject({ rows: want.rows + 1, requests: want.requests + 1, input_uncached: want.input_uncached + 100 });
      expect(facts.find((f) => f.identity === 'opencode|prt_live1')).toMatchObject({ modelRaw: 'kimi-k2-0905-preview', host: 'moonshotai', project: 'ledger-ui' });

      addCall(agent, 2); // the agent was not disturbed
      expect(readdirSync(dir).sort()).toEqual(files);

      // Through the pipeline: the -wal and -shm files are part of the store, not files to import.
      const { client, engine } = testEngine();
      const res = await client.call('imports.commit', { paths: [dir], onError: 'abort' });
      expect(res.files.map((f) => f.format)).toEqual(['opencode-db']);
      expect(res.counts.new).toBe(want.rows + 2);
      const kimi = engine.ctx.db.prepare("SELECT vendor, origin_region FROM usage_facts WHERE model_raw = 'kimi-k2-0905-preview' GROUP BY 1, 2").all();
      expect(kimi).toEqual([{ vendor: 'moonshot', origin_region: 'CN' }]);
    } finally {
      agent.close();
    }
  });

  it('is read without creating -wal or -shm files when the agent is not running', async () => {
    const dir = tempDir();
    const path = join(dir, 'opencode.db');
    copyFileSync(SAMPLE_DB, path);
    const agent = new Database(path);
    agent.pragma('journal_mode = WAL');
    addCall(agent, 1);
    agent.close(); // a clean close checkpoints and removes the -wal and -shm files
    expect(readdirSync(dir)).toEqual(['opencode.db']);
    const { facts } = await agentFacts(path);
    expect(facts).toHaveLength(want.rows + 1);
    expect(readdirSync(dir)).toEqual(['opencode.db']);
    const sample = await agentFacts(SAMPLE_DB);
    expect(sample.facts).toHaveLength(want.rows);
  });

  it("Kilo CLI's kilo.db (the same store) is Kilo CLI usage", async () => {
    const dir = tempDir();
    copyFileSync(SAMPLE_DB, join(dir, 'kilo.db'));
    const { facts } = await agentFacts(join(dir, 'kilo.db'));
    expect(new Set(facts.map((f) => f.provider))).toEqual(new Set(['kilo-cli-log']));
    expect(totalsOf(facts)).toMatchObject({ rows: want.rows, input_uncached: want.input_uncached });
  });

  it('refuses a SQLite file without the tables of an opencode store, naming what it lacks', async () => {
    const dir = tempDir();
    const path = join(dir, 'opencode.db');
    copyFileSync(SAMPLE_DB, path);
    const db = new Database(path);
    db.exec('DROP TABLE session');
    const { client } = testEngine();
    // The dropped table's text can linger on the first page: the file is taken for opencode's, and its reader says what is missing.
    await expect(client.call('imports.commit', { paths: [path], onError: 'abort' })).rejects.toThrow(
      `1 row cannot be read; nothing was imported. First: ${path} line 1, (file): the database has no session table: not an opencode store this version can read`,
    );
    db.exec('VACUUM');
    db.close();
    await expect(client.call('imports.commit', { paths: [path], onError: 'abort' })).rejects.toThrow(
      `${path}: not a known export format. Closest: opencode / Kilo CLI database (opencode.db) (opencode-db), which needs TABLE session`,
    );
  });
});

describe("opencode's JSON store", () => {
  it('counts step-finish parts per call, a message without steps once, and leaves to the database what it holds', async () => {
    const dir = tempDir();
    copyFileSync(SAMPLE_DB, join(dir, 'opencode.db'));
    // The database also holds this message (with newer numbers): the JSON copy is skipped.
    const inDb = 'msg_9540127190270lz4uophEoeWYC';
    const msg = (id: string, extra: Record<string, unknown>) =>
      JSON.stringify({ id, sessionID: 'ses_json1', role: 'assistant', time: { created: Date.UTC(2025, 7, 20, 9), completed: Date.UTC(2025, 7, 20, 9, 1) }, modelID: 'claude-sonnet-4-20250514', providerID: 'anthropic', path: { cwd: '/home/dev/old-proj', root: '/home/dev/old-proj' }, ...extra });
    writeTree(dir, {
      'storage/session/proj1/ses_json1.json': JSON.stringify({ id: 'ses_json1', projectID: 'proj1', directory: '/home/dev/old-proj', title: 'Fix the importer', time: { created: 1 } }),
      'storage/message/ses_json1/msg_u1.json': JSON.stringify({ id: 'msg_u1', sessionID: 'ses_json1', role: 'user', time: { created: 1 } }),
      // Two steps: message.tokens holds the last step only, message.cost their sum.
      'storage/message/ses_json1/msg_a1.json': msg('msg_a1', { cost: 0.03, tokens: { input: 20, output: 200, reasoning: 0, cache: { read: 5000, write: 0 } } }),
      'storage/part/msg_a1/prt_t1.json': JSON.stringify({ id: 'prt_t1', messageID: 'msg_a1', sessionID: 'ses_json1', type: 'text', text: 'The secret fix is here' }),
      'storage/part/msg_a1/prt_s1.json': JSON.stringify({ id: 'prt_s1', messageID: 'msg_a1', sessionID: 'ses_json1', type: 'step-finish', cost: 0.01, tokens: { input: 10, output: 100, reasoning: 0, cache: { read: 0, write: 4000 } } }),
      'storage/part/msg_a1/prt_s2.json': JSON.stringify({ id: 'prt_s2', messageID: 'msg_a1', sessionID: 'ses_json1', type: 'step-finish', cost: 0.02, tokens: { input: 20, output: 200, reasoning: 0, cache: { read: 5000, write: 0 } } }),
      // No step parts (an old version): the message's own tokens are the call.
      'storage/message/ses_json1/msg_a2.json': msg('msg_a2', { cost: 0.004, tokens: { input: 7, output: 70, reasoning: 0, cache: { read: 0, write: 0 } } }),
      [`storage/message/ses_953f8e2e0015N6ZAZ4JrUZUi3p/${inDb}.json`]: msg(inDb, { sessionID: 'ses_953f8e2e0015N6ZAZ4JrUZUi3p', cost: 9, tokens: { input: 999999, output: 1, reasoning: 0, cache: { read: 0, write: 0 } } }),
    });
    const { facts, rows } = await agentFacts(dir);
    expect(rows.filter((r) => r.kind === 'error')).toEqual([]);
    const json = facts.filter((f) => f.tags?.sessionId === 'ses_json1');
    expect(json.map((f) => [f.identity, f.tokens.input, f.tokens.cache_read, f.tokens.cache_write_5m, f.tokens.output, f.recorded?.nano, f.project])).toEqual([
      ['opencode|prt_s1', 10, 0, 4000, 100, 10_000_000n, 'old-proj'],
      ['opencode|prt_s2', 20, 5000, 0, 200, 20_000_000n, 'old-proj'],
      ['opencode|msg_a2', 7, 0, 0, 70, 4_000_000n, 'old-proj'],
    ]);
    // The database's 11 calls as they are, plus the JSON-only ones.
    expect(totalsOf(facts)).toMatchObject({ rows: want.rows + 3, input_uncached: want.input_uncached + 37 });

    const { client } = testEngine();
    const res = await client.call('imports.commit', { paths: [dir], onError: 'abort' });
    expect(res.counts.new).toBe(want.rows + 3);
    expect((await client.call('report.totals', {})).totals.tokens.input).toBe(want.input_uncached + 37);
  });
});
