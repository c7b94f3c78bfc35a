/**
 * What OpenRouter bills a generation, priced: a `free` variant at $0 (OpenRouter's `<model>:free`), a
 * bring-your-own-key generation at OpenRouter's 5 % fee on what it would have cost, a web search as its own fee
 * line, and a third-party host at its own list (Groq's Kimi K2).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBig } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { testEngine } from '../helpers/engine';

interface Row {
  line_type: string;
  model: string;
  model_raw: string;
  host: string;
  billed: bigint;
  estimated: bigint | null;
}

async function rows(): Promise<Row[]> {
  const { engine, client } = testEngine();
  await client.call('imports.commit', { paths: [join(import.meta.dirname, '../fixtures/exports/openrouter-activity.csv')] });
  return allBig<Row>(engine.ctx.db, sql`SELECT line_type, model, model_raw, host, billed_nano AS billed, estimated_nano AS estimated FROM usage_facts ORDER BY id`);
}

describe('OpenRouter generations priced as OpenRouter bills them', () => {
  it('prices the free variant of gpt-oss-120b at $0, as billed', async () => {
    const free = (await rows()).find((r) => r.model === 'gpt-oss-120b')!;
    expect([free.model_raw, free.billed, free.estimated]).toEqual(['openai/gpt-oss-120b:free', 0n, 0n]);
  });

  it("prices a bring-your-own-key generation at 5 % of Anthropic's price: its $0.019875 fee", async () => {
    // 120,500 input x $3 + 2,400 output x $15 = $0.3975 upstream (byok_usage_inference); 5 % = $0.019875.
    const byok = (await rows()).find((r) => r.billed === 19_875_000n)!;
    expect([byok.model, byok.host, byok.estimated]).toEqual(['claude-sonnet-4', 'Anthropic', 19_875_000n]);
  });

  it("makes the $0.02 web search its own fee line, so the generation's bill is its tokens' $0.0176", async () => {
    const gpt = (await rows()).filter((r) => r.model === 'gpt-4.1-2025-04-14' && (r.billed === 17_600_000n || r.line_type === 'fee'));
    // 5,200 input x $2 + 900 output x $8 = $0.0176.
    expect(gpt.map((r) => [r.line_type, r.billed, r.estimated])).toEqual([
      ['usage', 17_600_000n, 17_600_000n],
      ['fee', 20_000_000n, null],
    ]);
  });

  it("prices Kimi K2 served by Groq at Groq's list ($1/$3), exactly its bill", async () => {
    const groq = (await rows()).find((r) => r.host === 'Groq')!;
    // 23,110 x $1 + 2,840 x $3 = $0.03163.
    expect([groq.model, groq.billed, groq.estimated]).toEqual(['kimi-k2', 31_630_000n, 31_630_000n]);
  });
});
