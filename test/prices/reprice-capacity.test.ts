/**
 * Re-pricing cannot take the ledger past what it can sum: a price change whose new estimates would bring
 * a currency's amounts past 2^63-1 nano-units is refused like an import's amount would be, nothing is
 * written, and every report still answers. A change that stays within it is applied.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const HEADER = 'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,custom_llm_provider,status';
const row = (id: string, day: string) => `${id},acompletion,k,1.5,15,10,5,${day}T09:00:00Z,${day}T09:00:01Z,gpt-4o-2024-08-06,openai,success`;
const LIMIT = '9223372036.854775807';

async function ledgerWithTwoCalls() {
  const t = testEngine();
  const file = join(tempDir(), 'spend.csv');
  writeFileSync(file, [HEADER, row('r1', '2025-09-01'), row('r2', '2025-09-02')].join('\n') + '\n');
  await t.client.call('imports.commit', { paths: [file] });
  return t;
}

const price = (input: string) => ({ model: 'gpt-4o-2024-08-06', currency: 'USD' as const, effectiveFrom: '2025-01-01T00:00:00Z', prices: { input, output: '0' } });

describe('re-pricing past what the ledger can carry', () => {
  it('refuses a price whose estimates would overflow the USD sums, as a dry run and for real, and changes nothing', async () => {
    const t = await ledgerWithTwoCalls();
    const before = await t.client.call('report.totals', {});
    const overrides = await t.client.call('prices.list', {});
    // 10 input tokens at 500,000,000,000,000 USD per million: 5,000,000,000 USD a call, 10,000,000,000 USD for both.
    const message =
      "Re-pricing would bring the ledger's USD amounts past what it can carry: the new estimates of gpt-4o-2024-08-06 add 9999999997.000000 USD to the 3.000000 USD it holds " +
      `(at most ${LIMIT} USD in all). Nothing was changed: check the new price.`;
    await expect(t.client.call('prices.set', { ...price('500000000000000'), dryRun: true })).rejects.toThrow(message);
    await expect(t.client.call('prices.set', price('500000000000000'))).rejects.toThrow(message);
    expect(await t.client.call('prices.list', {})).toEqual(overrides);
    expect(await t.client.call('report.totals', {})).toEqual(before);
    expect((await t.client.call('report.explore', { groupBy: ['model'], bucket: 'none', currency: 'USD' })).rows).toHaveLength(1);
  });

  it('applies a large price that the ledger can still carry', async () => {
    const t = await ledgerWithTwoCalls();
    // 4,000,000,000 USD a call: 8,000,000,000 USD in all, under the bound.
    const r = await t.client.call('prices.set', price('400000000000000'));
    expect(r.applied).toBe(true);
    expect(r.recompute.changed).toBe(2);
    expect(r.recompute.models).toEqual([expect.objectContaining({ model: 'gpt-4o-2024-08-06', currency: 'USD', after: '8000000000.000000' })]);
    await t.client.call('report.totals', {});
  });
});
