import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import { all } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { EXPECTED, billedNano, dumpTables, fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

describe('every sample export through the pipeline and the ledger', () => {
  // The agents' folders carry recorded (not billed) costs: agents-ledger.test.ts imports them.
  for (const [name, exp] of Object.entries(EXPECTED).filter(([n]) => !n.startsWith('agents/'))) {
    it(`imports ${name} to exactly its expected totals, and a second import adds nothing`, async () => {
      ledger = tempLedger();
      const first = await ledger.api.call('imports.commit', { paths: [fixture(name)], onError: 'abort' });
      expect(first.files).toHaveLength(1);
      expect(first.files[0]!.batchId).toBeTypeOf('number');
      expect(first.counts.error).toBe(0);

      const report = await ledger.api.call('report.totals', {});
      const t = report.totals;
      // expected-totals.json counts rows either with or without the non-AI rows the importer skips (AWS EC2).
      // A row that nets a credit or a fee into its cost is two facts, its token charge and that line (same source line).
      const [split] = all<{ n: number }>(
        ledger.engine.ctx.db,
        sql`SELECT count(*) AS n FROM usage_facts c WHERE c.line_type IN ('credit', 'fee')
              AND EXISTS (SELECT 1 FROM usage_facts u WHERE u.batch_id = c.batch_id AND u.source_line = c.source_line AND u.id <> c.id)`,
      );
      expect([exp.rows, exp.rows - first.counts.skipped]).toContain(report.factCount - split!.n);
      expect(t.tokens.input).toBe(exp.input_uncached);
      expect(t.tokens.cache_read).toBe(exp.cache_read);
      expect(t.tokens.cache_write_5m + t.tokens.cache_write_1h).toBe(exp.cache_write);
      expect(t.tokens.output).toBe(exp.output);
      expect(t.tokens.reasoning).toBe(exp.reasoning_subset_of_output);
      expect(t.requests).toBe(exp.requests);
      // expected-totals.json states money rounded to 6 decimals; the ledger keeps it exact.
      // A gateway's own cost (cost_kind "recorded") is recorded by the tool, never billed; it is the spend while no bill covers it.
      const money = exp.cost_kind === 'recorded' ? t.recorded : t.billed;
      if (exp.cost_kind === 'recorded') expect([t.billed, t.spend]).toEqual([{}, t.recorded]);
      expect(formatNano(billedNano(money, exp.currency), 6)).toBe(formatNano(parseDecimalToNano(exp.cost), 6));
      if (exp.currency !== null && parseDecimalToNano(exp.cost) !== 0n) expect(Object.keys(money)).toEqual([exp.currency.toUpperCase()]);

      const before = dumpTables(ledger.engine, ['usage_facts', 'fact_history', 'token_supersessions']);
      const second = await ledger.api.call('imports.commit', { paths: [fixture(name)], onError: 'abort' });
      // Unchanged since it was imported: not read again, an agent's log and an export alike.
      expect(second.files[0]).toMatchObject({ unchanged: true, batchId: null, counts: { new: 0, duplicate: 0, revised: 0, skipped: 0, error: 0 } });
      // The same export at another path is read: every row a duplicate.
      if (name !== 'claude-code-session.jsonl') {
        const copy = join(ledger.dir, basename(name));
        copyFileSync(fixture(name), copy);
        const third = await ledger.api.call('imports.commit', { paths: [copy], onError: 'abort' });
        expect([third.files[0]!.unchanged, third.counts.new, third.counts.revised]).toEqual([undefined, 0, 0]);
        expect(third.counts.duplicate).toBeGreaterThanOrEqual(report.factCount);
      }
      expect(dumpTables(ledger.engine, ['usage_facts', 'fact_history', 'token_supersessions'])).toEqual(before);
      expect((await ledger.api.call('report.totals', {})).totals).toEqual(t);
    });
  }
});
