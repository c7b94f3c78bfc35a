/**
 * Reports group by the vendor's model: a dated snapshot folds into the alias it was served under on the
 * fact's day; the id as served stays a dimension (model_id) and the drill-down's filter.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportModel } from '../../shared/domain/models';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

// request id, instant, model as the gateway logged it, prompt tokens, completion tokens, spend (USD)
const ROWS: [string, string, string, number, number, string][] = [
  ['r1', '2025-09-01T10:00:00Z', 'gpt-5', 1000, 100, '1.00'],
  ['r2', '2025-09-02T10:00:00Z', 'gpt-5-2025-08-07', 2000, 200, '2.50'],
  // Pinned to the May snapshot long after the gpt-4o alias moved on: its own model.
  ['r3', '2025-09-03T10:00:00Z', 'gpt-4o-2024-05-13', 4000, 400, '3.00'],
  ['r4', '2025-09-04T10:00:00Z', 'claude-sonnet-4-20250514', 500, 50, '0.75'],
  ['r5', '2025-09-05T10:00:00Z', 'claude-sonnet-4', 300, 30, '0.25'],
  // Before 2024-10-02 the gpt-4o alias still served 2024-05-13: 2024-08-06 was only reachable by its id.
  ['r6', '2024-09-15T10:00:00Z', 'gpt-4o-2024-08-06', 10, 1, '0.10'],
  ['r7', '2024-10-05T10:00:00Z', 'gpt-4o-2024-08-06', 20, 2, '0.20'],
  ['r8', '2024-10-06T10:00:00Z', 'gpt-4o', 40, 4, '0.40'],
];

function spendLog(): string {
  const path = join(tempDir(), 'spend.csv');
  const lines = ['request_id,spend,prompt_tokens,completion_tokens,startTime,model,custom_llm_provider'];
  for (const [id, at, model, input, output, spend] of ROWS) lines.push(`${id},${spend},${input},${output},${at},${model},openai`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function ledger() {
  const t = testEngine();
  await t.client.call('imports.commit', { paths: [spendLog()] });
  return t;
}

describe('the model a report shows', () => {
  it('folds a snapshot into the alias it was served under that day, and only then', () => {
    expect(reportModel('gpt-5-2025-08-07', '2025-09-02')).toBe('gpt-5');
    expect(reportModel('claude-sonnet-4-20250514', '2025-09-04')).toBe('claude-sonnet-4');
    expect(reportModel('claude-sonnet-4-0', '2025-09-04')).toBe('claude-sonnet-4');
    expect(reportModel('gpt-4.1-mini-2025-04-14', '2025-09-01')).toBe('gpt-4.1-mini');
    expect(reportModel('gpt-4o-2024-05-13', '2024-06-01')).toBe('gpt-4o');
    expect(reportModel('gpt-4o-2024-05-13', '2024-10-02')).toBe('gpt-4o-2024-05-13');
    expect(reportModel('gpt-4o-2024-08-06', '2024-10-01')).toBe('gpt-4o-2024-08-06');
    expect(reportModel('gpt-4o-2024-08-06', '2024-10-02')).toBe('gpt-4o');
    expect(reportModel('deepseek-chat', '2025-09-01')).toBe('deepseek-chat');
  });

  it('groups the ledger by the folded model, with exact spend and tokens per row', async () => {
    const { client } = await ledger();
    const r = await client.call('report.explore', { groupBy: ['model'], bucket: 'none', currency: 'USD', timeZone: 'UTC' });
    const rows = Object.fromEntries(r.rows.map((g) => [g.keys[0], { spend: g.spend, input: g.tokens.input, output: g.tokens.output, requests: g.requests }]));
    expect(rows).toEqual({
      'gpt-5': { spend: { USD: '3.500000' }, input: 3000, output: 300, requests: 2 },
      'gpt-4o-2024-05-13': { spend: { USD: '3.000000' }, input: 4000, output: 400, requests: 1 },
      'claude-sonnet-4': { spend: { USD: '1.000000' }, input: 800, output: 80, requests: 2 },
      'gpt-4o-2024-08-06': { spend: { USD: '0.100000' }, input: 10, output: 1, requests: 1 },
      'gpt-4o': { spend: { USD: '0.600000' }, input: 60, output: 6, requests: 2 },
    });
  });

  it('keeps the id as served as its own dimension, a drill-down under the model', async () => {
    const { client } = await ledger();
    const r = await client.call('report.explore', {
      groupBy: ['model', 'model_id'],
      bucket: 'none',
      currency: 'USD',
      timeZone: 'UTC',
      filters: { model: ['gpt-5'] },
    });
    expect(r.rows.map((g) => [g.keys, g.spend]).sort()).toEqual([
      [['gpt-5', 'gpt-5'], { USD: '1.000000' }],
      [['gpt-5', 'gpt-5-2025-08-07'], { USD: '2.500000' }],
    ]);
    const facts = await client.call('report.facts', { filters: { model: ['gpt-5'] }, timeZone: 'UTC' });
    expect(facts.rows.map((f) => f.modelRaw).sort()).toEqual(['gpt-5', 'gpt-5-2025-08-07']);
  });

  it('ranks the top models by the folded model: gpt-5 first, not the pinned gpt-4o snapshot', async () => {
    const { client } = await ledger();
    const o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency: 'USD' });
    expect(o.topModels.map((m) => [m.key, m.spend])).toEqual([
      ['gpt-5', { USD: '3.500000' }],
      ['gpt-4o-2024-05-13', { USD: '3.000000' }],
      ['claude-sonnet-4', { USD: '1.000000' }],
    ]);
  });

  it('gives the same figures from the rollups, the raw facts and a zone east of UTC', async () => {
    const { client } = await ledger();
    const base = { groupBy: ['model'] as const, bucket: 'day' as const, currency: 'USD' };
    const utc = await client.call('report.explore', { ...base, groupBy: ['model'], timeZone: 'UTC' });
    const tokyo = await client.call('report.explore', { ...base, groupBy: ['model'], timeZone: 'Asia/Tokyo' });
    const kolkata = await client.call('report.explore', { ...base, groupBy: ['model'], timeZone: 'Asia/Kolkata' });
    const strip = (r: typeof utc) => r.rows.map((g) => [g.bucket, g.keys, g.spend]);
    // Every instant is at 10:00 UTC: the same local day in both zones.
    expect(strip(tokyo)).toEqual(strip(utc));
    expect(strip(kolkata)).toEqual(strip(utc));
  });
});
