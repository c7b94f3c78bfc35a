import { describe, expect, it } from 'vitest';
import type { NormalizedFact } from '../../../shared/domain/fact';
import { openLedger } from './connection';
import { COL, FACT_COLUMNS, factFromRow, factValues, pushRowValues, ROW_COLUMNS, sessionOfTags, writeColumnValues } from './facts';
import type { SqlValue } from './sql';

/** A fact whose every field has a value no other field has, so a value in the wrong column shows. */
const fact: NormalizedFact = {
  line: 41,
  identity: 'or-gen:abc',
  start: Date.parse('2025-09-10T09:30:00Z'),
  end: Date.parse('2025-09-10T09:30:02Z'),
  granularity: 'request',
  provider: 'openrouter',
  account: 'acct-1',
  project: 'proj-web',
  apiKey: 'key-main',
  member: 'ana',
  tags: { team: 'search', taskId: 'task-7' },
  modelRaw: 'openai/gpt-4o',
  model: 'gpt-4o',
  modelFamily: 'gpt-4o-family',
  vendor: 'openai',
  originRegion: 'US',
  host: 'Azure',
  inferenceGeo: 'us-east-1',
  serviceTier: 'batch',
  contextTier: '>200k',
  lineType: 'usage',
  tokens: { input: 1001, cache_read: 1002, cache_write_5m: 1003, cache_write_1h: 1004, output: 1005, reasoning: 1000 },
  requests: 7,
  otherUnits: { web_search: 3 },
  billed: { nano: 1_234_567_890n, currency: 'USD' },
  estimated: { nano: 987_654_321n, currency: 'EUR' },
  priceStatus: 'priced',
  recorded: { nano: 555_000_000n, currency: 'CNY' },
  billedBy: 'azure-openai',
  plan: 'included',
};

describe('the facts table in one column order', () => {
  it('writes each field of a fact into the usage_facts column of its name', () => {
    const { db } = openLedger(':memory:');
    db.exec("INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (3, 0, 'f.csv', 'x', 'openrouter-activity-csv')");
    db.prepare(`INSERT INTO usage_facts (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map(() => '?').join(', ')})`).run(...factValues(fact, 3, 'openrouter-activity-csv', 1));
    expect(db.prepare(`SELECT ${FACT_COLUMNS.join(', ')} FROM usage_facts`).safeIntegers(true).get()).toEqual({
      batch_id: 3n,
      format: 'openrouter-activity-csv',
      source_line: 41n,
      identity: 'or-gen:abc',
      start_ms: BigInt(fact.start),
      end_ms: BigInt(fact.end),
      day: '2025-09-10',
      granularity: 'request',
      provider: 'openrouter',
      account: 'acct-1',
      project: 'proj-web',
      api_key: 'key-main',
      member: 'ana',
      tags: '{"team":"search","taskId":"task-7"}',
      model_raw: 'openai/gpt-4o',
      model: 'gpt-4o',
      model_family: 'gpt-4o-family',
      vendor: 'openai',
      origin_region: 'US',
      host: 'Azure',
      inference_geo: 'us-east-1',
      service_tier: 'batch',
      context_tier: '>200k',
      line_type: 'usage',
      input: 1001n,
      cache_read: 1002n,
      cache_write_5m: 1003n,
      cache_write_1h: 1004n,
      output: 1005n,
      reasoning: 1000n,
      requests: 7n,
      other_units: '{"web_search":3}',
      counts_tokens: 1n,
      billed_nano: 1_234_567_890n,
      billed_currency: 'USD',
      estimated_nano: 987_654_321n,
      estimated_currency: 'EUR',
      price_status: 'priced',
      recorded_nano: 555_000_000n,
      recorded_currency: 'CNY',
      billed_by: 'azure-openai',
      plan: 'included',
      session: 'task-7',
    });
    // Every column of the table but the id, each once.
    const table = (db.prepare('PRAGMA table_info(usage_facts)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
    expect([...FACT_COLUMNS].sort()).toEqual(table.sort());
    db.close();
  });

  it('reads a fact back from its row values, and keeps a stored counts_tokens on a rewrite', () => {
    const values: SqlValue[] = [];
    pushRowValues(values, fact);
    expect(values).toHaveLength(ROW_COLUMNS.length);
    expect(factFromRow((c) => values[c]!)).toEqual(fact);
    expect(factValues(fact, 3, 'f', 0)[2 + COL.counts_tokens]).toBe(0);
    // Written as a chunk's second fact, column by column: the same values.
    const columns = ROW_COLUMNS.map(() => new Array<SqlValue>(2));
    writeColumnValues(columns, 1, fact);
    expect(columns.map((c) => c[1])).toEqual(values);
  });

  it("stores a fact's session from its tags as migration 028 filled it: the agent's session id, else a task id, else none", () => {
    expect(sessionOfTags({ sessionId: 's-1', taskId: 't-1', version: '2' })).toBe('s-1');
    expect(sessionOfTags({ taskId: 't-1' })).toBe('t-1');
    expect(sessionOfTags({ version: '2' })).toBeNull();
    expect(sessionOfTags(null)).toBeNull();
    const values: SqlValue[] = [];
    pushRowValues(values, { ...fact, tags: { sessionId: 'abc', taskId: 'x' } });
    expect(values[COL.session]).toBe('abc');
  });
});
