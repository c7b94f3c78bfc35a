/**
 * `tokenledger prices ...` and `tokenledger report reconcile` through runCli with captured io, on a real
 * ledger file: list, history, an override that re-prices the ledger, a price source with a dry run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { PriceDetail, PriceList, SourceLoadResult } from '../../shared/contract/api/prices';
import type { ReconcileReport } from '../../shared/contract/api/reconcile';
import { EXIT_CODES } from '../../shared/contract/errors';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { nanoPriorityExport } from '../helpers/unpriced';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');

async function ledger(...files: string[]): Promise<string> {
  const db = join(tempDir(), 'ledger.sqlite');
  const io = captureIo();
  expect(await runCli(['import', ...files.map((f) => (f.startsWith('/') ? f : join(EXPORTS, f))), '--db', db], io)).toBe(0);
  return db;
}

async function cli(db: string, ...args: string[]) {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('tokenledger prices', () => {
  it('lists the models of the ledger with their price today and flags unpriced usage with its tier', async () => {
    const db = await ledger(nanoPriorityExport());
    const text = await cli(db, 'prices', 'list', '--in-ledger');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^gpt-4o-2024-08-06 +openai +US +direct +USD +in 2\.5, cache read 1\.25, out 10 /m);
    // The export's priority row, moved to gpt-5-nano: OpenAI lists no Priority price for gpt-5-nano.
    expect(text.out).toContain('UNPRICED: 128.3K tokens on 1 model has no price:');
    expect(text.out).toContain(
      'gpt-5-nano-2025-08-07 (openai, priority tier): 128.3K tokens in 1 facts — no priority price for gpt-5-nano-2025-08-07; add it with `tokenledger prices set gpt-5-nano-2025-08-07 --tier priority ...`',
    );
    // In Chinese the tier is named in Chinese, in the CLI's words and the engine's reason alike.
    const zh = await cli(db, 'prices', 'list', '--in-ledger', '--lang', 'zh-CN');
    expect(zh.out).toContain('gpt-5-nano-2025-08-07（openai，优先服务等级）');
    expect(zh.out).toContain('价目表中没有 gpt-5-nano-2025-08-07 的优先价格');
    const json = JSON.parse((await cli(db, 'prices', 'list', '--in-ledger', '--json')).out) as PriceList;
    expect(json.rows.map((r) => r.model).sort()).toEqual(['gpt-4.1-mini-2025-04-14', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'gpt-5-2025-08-07', 'gpt-5-nano-2025-08-07', 'o4-mini-2025-04-16']);
    expect(json.unpriced.tokens).toBe(128_331);

    const set = await cli(db, 'prices', 'set', 'gpt-5-nano-2025-08-07', '--tier', 'priority', '--currency', 'USD', '--from', '2025-08-07', '--input', '0.1', '--cache-read', '0.01', '--output', '0.8');
    expect(set.out).toContain('Saved priority price override #1 for gpt-5-nano-2025-08-07.');
    expect((await cli(db, 'prices', 'list', '--in-ledger')).out).not.toContain('UNPRICED');
    expect((await cli(db, 'prices', 'history', 'gpt-5-nano-2025-08-07')).out).toMatch(
      /gpt-5-nano-2025-08-07 +direct +USD +2025-08-07 +\(in force\) +- +priority: input 0\.1, cache read 0\.01, output 0\.8 +yours #1/,
    );
    expect((await cli(db, 'prices', 'set', 'gpt-5-nano', '--tier', 'turbo', '--currency', 'USD', '--from', '2025-08-07', '--input', '1')).err).toBe(
      'error: --tier wants one of standard, batch, priority, flex (got "turbo")',
    );
  });

  it("shows a model's dated price history: gpt-4o in June 2024 and in December 2024 differ", async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    const r = await cli(db, 'prices', 'history', 'openai/gpt-4o', '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as PriceDetail;
    expect(d.model).toBe('gpt-4o');
    const direct = d.history.filter((h) => h.model === 'gpt-4o' && h.route === 'direct' && h.currency === 'USD');
    const at = (day: string) => direct.find((h) => h.effectiveFrom <= day && (h.effectiveTo === null || h.effectiveTo > day))!;
    expect(at('2024-06-15').prices.input).toBe('5');
    expect(at('2024-12-15').prices.input).toBe('2.5');
    const text = await cli(db, 'prices', 'history', 'gpt-4o');
    expect(text.out).toContain('gpt-4o by openai (US)');
    expect(text.out).toMatch(/gpt-4o +direct +USD +2024-05-13 +2024-10-02 +in 5, out 15 /);
  });

  it('overrides a price with --dry-run first, then saves it and re-prices the ledger', async () => {
    const db = await ledger('deepseek-usage-amount-2025-9.csv');
    // The V3 list (¥2 / ¥0.5 / ¥8) over 8-9 September, where the book has V3.1 (¥4 / ¥0.5 / ¥12): the input and output rows of
    // those days change (14,901,238 input tokens ¥59.604952 -> ¥29.802476, 3,923,602 output tokens ¥47.083224 -> ¥31.388816).
    const args = ['prices', 'set', 'deepseek-chat', '--currency', 'CNY', '--from', '2025-09-08', '--to', '2025-09-10', '--input', '2', '--cache-read', '0.5', '--output', '8'];
    const dry = await cli(db, ...args, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run: nothing was written.');
    expect(dry.out).toContain('Would re-price 6 of 16 usage facts on 2 days:');
    expect(dry.out).toMatch(/deepseek-chat +CNY +6 +106\.69 +61\.19 +-45\.50 +0 +0/);
    // People read the estimates to the cent; --json keeps them exact.
    const exact = (JSON.parse((await cli(db, ...args, '--dry-run', '--json')).out) as { recompute: { models: { before: string; after: string; delta: string }[] } }).recompute.models[0]!;
    expect([exact.before, exact.after, exact.delta].map(Number)).toEqual([106.688176, 61.191292, -45.496884]);
    const saved = await cli(db, ...args);
    expect(saved.out).toContain('Saved price override #1 for deepseek-chat.');
    expect(saved.out).toContain('Re-priced 6 of 16 usage facts on 2 days:');
    const history = await cli(db, 'prices', 'history', 'deepseek-chat');
    expect(history.out).toMatch(/deepseek-chat +direct +CNY +2025-09-08 +2025-09-10 +in 2, cache read 0\.5, out 8 +- +yours #1 +user override/);
    expect((await cli(db, 'prices', 'set', 'deepseek-chat', '--currency', 'CNY', '--input', '1')).err).toBe('error: --from wants a day (YYYY-MM-DD)');
  });

  it('loads a price source with --dry-run (nothing written), then for real, holding a 100x change', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    const file = join(tempDir(), 'prices.json');
    writeFileSync(
      file,
      JSON.stringify({
        'gpt-4o-2024-08-06': { mode: 'chat', litellm_provider: 'openai', input_cost_per_token: 3e-6, cache_read_input_token_cost: 1.25e-6, output_cost_per_token: 1e-5 },
        'gpt-4.1-mini-2025-04-14': { mode: 'chat', litellm_provider: 'openai', input_cost_per_token: 0.04, cache_read_input_token_cost: 1e-7, output_cost_per_token: 1.6e-6 },
      }),
    );
    const dry = await cli(db, 'prices', 'load', file, '--dry-run', '--from', '2025-01-01');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run of LiteLLM price source prices.json (effective from 2025-01-01):');
    expect(dry.out).toContain('0 added, 1 changed, 1 held for confirmation (0 accepted)');
    expect(dry.out).toContain('gpt-4.1-mini-2025-04-14|direct|USD: input moves from 0.4 to 40000 per million (100x or more)');
    expect(dry.out).toContain('Nothing was written (dry run).');
    expect((await cli(db, 'prices', 'sources')).out).toBe('No price source loaded.');
    const loaded = JSON.parse((await cli(db, 'prices', 'load', file, '--from', '2025-01-01', '--json')).out) as SourceLoadResult;
    expect(loaded).toMatchObject({ applied: true, changed: 1, held: 1, heldAccepted: 0 });
    expect((await cli(db, 'prices', 'sources')).out).toMatch(/1 +litellm +prices\.json +2025-01-01 +1 +0 +1 +applied/);
  });

  it('answers NOT_FOUND for a model with no price and no usage', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    const r = await cli(db, 'prices', 'show', 'acme-mystery-9');
    expect(r.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(r.err).toBe(
      'error: No price and no usage for model "acme-mystery-9". Add one with `tokenledger prices set acme-mystery-9 --input <price> --output <price> --currency USD --from YYYY-MM-DD`.',
    );
  });
});

describe('tokenledger report reconcile', () => {
  it('compares the OpenAI costs with the usage estimate for the month and names the model the bill charges otherwise', async () => {
    const db = await ledger('openai-usage-completions.json', 'openai-costs.json');
    const r = await cli(db, 'report', 'reconcile', '--month', '2025-09');
    expect(r.code).toBe(0);
    // Billed $23.45534925 (openai-costs.json, to 8 decimals); estimate $23.56498225 with the flex row at Batch API rates,
    // delta $0.109633, printed to the cent.
    expect(r.out).toMatch(/openai +2025-09 +USD +23\.46 +23\.56 +0\.11 +0\.46 /);
    expect(r.out).toContain('1 of 1 bill within 1 % of the estimate.\nDelta = estimate - billed: negative when the bill is above the price book, positive when below.');
    // gpt-5's priority row: the book's Priority list ($2.50 / $0.25 / $20) against the $2.1875 / $0.21875 / $17.50 the sample bills.
    expect(r.out).toContain(
      '[model] The bill charges these models otherwise than the price book: gpt-5-2025-08-07 on Sep 4, 2025 (priority tier): estimate 0.88 USD vs billed 0.77 USD (+14.28 %).',
    );
    expect(r.out).not.toContain('[rounding]');
    expect(r.out).not.toContain('UNPRICED');
    // In Chinese the tier is named in Chinese too, not by its id.
    const zh = await cli(db, 'report', 'reconcile', '--month', '2025-09', '--lang', 'zh-CN');
    expect(zh.out).toContain('gpt-5-2025-08-07，2025年9月4日（优先服务等级）：估算 0.88 USD，账单 0.77 USD（+14.28%）');
    expect((await cli(db, 'report', 'reconcile', '--month', 'September')).err).toBe('error: --month expects YYYY-MM, e.g. 2025-09 (got "September").');
  });

  it('prices the Anthropic web searches of the usage at $10 per 1,000 as a line of their own', async () => {
    const db = await ledger('anthropic-usage-report.json', 'anthropic-cost-report.json');
    const r = JSON.parse((await cli(db, 'report', 'reconcile', '--json')).out) as ReconcileReport;
    const line = r.lines.find((l) => l.provider === 'anthropic')!;
    // 3 + 12 searches x $0.01 = the $0.03 + $0.12 "Web Search Usage" lines of the cost report.
    expect([line.billed, line.estimated, line.delta]).toEqual(['62.8849039', '62.8849039', '0.000000']);
    expect(line.explanations.find((e) => e.reason === 'web-search')?.text).toMatch(/^15 web searches at \$10 per 1,000 searches \(platform\.claude\.com[^)]*\)\): 0\.15 USD of the estimate, billed as its own line\.$/);
  });
});
