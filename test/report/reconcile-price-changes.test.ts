/**
 * Reconcile's "a price changed inside the period" names only the changes that priced the bill's usage: the
 * book's own lookup, on the route and in the currency each fact was priced on, must find the new entry. A
 * CNY list of Alibaba's own API says nothing about a Bedrock bill in USD; a CNY DeepSeek bill is priced from
 * DeepSeek's CNY list, not its USD one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { ReconcileReport } from '../../shared/contract/api/reconcile';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { EXPORTS } from '../helpers/unpriced';
import { AGENTS } from '../importers/agents-helpers';

const changesOf = (r: ReconcileReport, provider: string) =>
  r.lines.find((l) => l.provider === provider && l.period === '2025-09')!.explanations.find((e) => e.reason === 'price-changed')?.text ?? null;

describe('price changes in Reconcile', () => {
  it('names the changes of the routes and currencies the bill was priced on', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    const files = ['aws-cur-bedrock.csv', 'deepseek-usage-amount-2025-9.csv', 'deepseek-usage-cost-2025-9.csv', 'openrouter-activity.csv'].map((f) => join(EXPORTS, f));
    expect(await runCli(['import', ...files, '--db', db], captureIo())).toBe(0);
    const io = captureIo();
    expect(await runCli(['report', 'reconcile', '--month', '2025-09', '--db', db, '--json'], io), io.stderr.join('\n')).toBe(0);
    const r = JSON.parse(io.stdout.join('\n')) as ReconcileReport;
    // Bedrock's qwen3-next is priced on Bedrock's own USD list; the direct CNY change of Sep 12 is not its price.
    expect(changesOf(r, 'aws-bedrock')).toBeNull();
    expect(changesOf(r, 'deepseek')).toBe(
      'A price changed inside the period: deepseek-chat (direct, CNY) from Sep 5, 2025; deepseek-chat (direct, CNY) from Sep 29, 2025; ' +
        'deepseek-reasoner (direct, CNY) from Sep 5, 2025; deepseek-reasoner (direct, CNY) from Sep 29, 2025.',
    );
    // OpenRouter bills in USD: DeepSeek's USD changes reach it through the direct route, its CNY ones do not.
    expect(changesOf(r, 'openrouter')).toBe('A price changed inside the period: deepseek-v3-0324 (direct, USD) from Sep 5, 2025; deepseek-v3-0324 (direct, USD) from Sep 29, 2025.');
  });

  it("does not call a model's first price a change: the usage dated before it is unpriced, and says why", async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    expect(await runCli(['import', join(AGENTS, 'codex'), '--db', db], captureIo())).toBe(0);
    const io = captureIo();
    expect(await runCli(['report', 'reconcile', '--month', '2025-09', '--db', db, '--json'], io), io.stderr.join('\n')).toBe(0);
    const r = JSON.parse(io.stdout.join('\n')) as ReconcileReport;
    // gpt-5-codex's list starts on 2025-09-15, after the sample's calls of 09-09 and 09-11.
    expect(changesOf(r, 'codex-log')).toBeNull();
    const line = r.lines.find((l) => l.provider === 'codex-log' && l.period === '2025-09')!;
    expect(line.explanations.map((e) => e.reason)).toEqual(['no-bill', 'unpriced']);
  });
});
