import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import { EXPECTED, billedNano, dumpTables, fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

const LEDGER_TABLES = ['usage_facts', 'fact_history', 'token_supersessions'];

function tokensOf(name: string) {
  const e = EXPECTED[name]!;
  return { input: e.input_uncached, cache_read: e.cache_read, output: e.output, reasoning: e.reasoning_subset_of_output, requests: e.requests };
}

async function totals(l: TestLedger) {
  const t = (await l.api.call('report.totals', {})).totals;
  return { input: t.tokens.input, cache_read: t.tokens.cache_read, output: t.tokens.output, reasoning: t.tokens.reasoning, requests: t.requests, billed: t.billed };
}

describe('two token sources of one provider count tokens once', () => {
  it('OpenRouter activity JSON then the per-generation CSV: the finer CSV wins, and the preview names the overlap', async () => {
    ledger = tempLedger();
    const daily = await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity-api.json')] });
    const preview = await ledger.api.call('imports.preview', { paths: [fixture('openrouter-activity.csv')] });
    const overlap = preview.files[0]!.overlaps;
    expect(overlap).toHaveLength(1);
    expect(overlap[0]).toMatchObject({ batchId: daily.files[0]!.batchId, winner: 'this', days: ['2025-09-01', '2025-09-02', '2025-09-03'], facts: 15 });
    expect(overlap[0]!.models).toContain('claude-sonnet-4');
    await ledger.api.call('imports.commit', { previewId: preview.previewId });
    const t = await totals(ledger);
    expect(t).toMatchObject(tokensOf('openrouter-activity.csv'));
    // Money counts once too: the daily rows' cost is the same spend.
    expect(formatNano(billedNano(t.billed, 'USD'), 6)).toBe(EXPECTED['openrouter-activity.csv']!.cost);
  });

  it('OpenRouter CSV then the activity JSON: the coarser JSON adds no tokens; undoing the CSV makes the JSON count again', async () => {
    ledger = tempLedger();
    const fine = await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    const coarse = await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity-api.json')] });
    expect(coarse.files[0]!.overlaps[0]).toMatchObject({ batchId: fine.files[0]!.batchId, winner: 'earlier', facts: 15 });
    expect(await totals(ledger)).toMatchObject(tokensOf('openrouter-activity.csv'));
    await ledger.api.call('imports.undo', { batchId: fine.files[0]!.batchId! });
    expect(await totals(ledger)).toMatchObject(tokensOf('openrouter-activity-api.json'));
  });

  it('OpenAI dashboard usage CSV and Usage API JSON (same grain) count the tokens once, in either order', async () => {
    for (const order of [
      ['openai-dashboard-usage-export.csv', 'openai-usage-completions.json'],
      ['openai-usage-completions.json', 'openai-dashboard-usage-export.csv'],
    ]) {
      ledger = tempLedger();
      await ledger.api.call('imports.commit', { paths: [fixture(order[0]!)] });
      const second = await ledger.api.call('imports.commit', { paths: [fixture(order[1]!)] });
      const covered = second.files[0]!.counts.duplicate + second.files[0]!.overlaps.reduce((s, o) => s + o.facts, 0);
      expect(covered).toBeGreaterThan(0);
      expect(await totals(ledger)).toMatchObject(tokensOf('openai-usage-completions.json'));
      ledger.close();
      ledger = undefined;
    }
  });

  it('several files in one import commit together, one batch each, and overlap within the import is found', async () => {
    ledger = tempLedger();
    const r = await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity-api.json'), fixture('openrouter-activity.csv')] });
    expect(r.files.map((f) => f.batchId)).toEqual([1, 2]);
    expect(await totals(ledger)).toMatchObject(tokensOf('openrouter-activity.csv'));
    const list = await ledger.api.call('imports.list', {});
    expect(list.map((b) => b.format).sort()).toEqual(['openrouter-activity-csv', 'openrouter-activity-json']);
  });
});

/** A later OpenRouter export overlapping the first: rows 1-5 as they were, rows 6-10 changed, 3 new rows. */
function laterExport(dir: string): string {
  const lines = readFileSync(fixture('openrouter-activity.csv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!;
  const rows = lines.slice(1);
  const cols = header.split(',');
  const idx = (name: string) => cols.indexOf(name);
  const out = [header, ...rows.slice(0, 5)];
  for (const row of rows.slice(5, 10)) {
    const cells = row.split(',');
    cells[idx('tokens_completion')] = String(Number(cells[idx('tokens_completion')]) + 100);
    out.push(cells.join(','));
  }
  for (let i = 0; i < 3; i++) {
    const cells = rows[0]!.split(',');
    cells[idx('generation_id')] = `gen-later-${i}`;
    cells[idx('created_at')] = `2025-09-04 10:0${i}:00.000`;
    out.push(cells.join(','));
  }
  const p = join(dir, 'openrouter-later.csv');
  writeFileSync(p, out.join('\n') + '\n');
  return p;
}

describe('an overlapping later export, and undo', () => {
  it('adds only new rows, marks changed rows revised, and undo restores every table exactly', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    const before = dumpTables(ledger.engine, LEDGER_TABLES);
    const totalsBefore = await totals(ledger);
    const later = laterExport(ledger.dir);

    const preview = await ledger.api.call('imports.preview', { paths: [later] });
    expect(preview.files[0]!.counts).toMatchObject({ new: 3, duplicate: 5, revised: 5, error: 0 });
    expect(dumpTables(ledger.engine, LEDGER_TABLES)).toEqual(before); // a preview writes nothing

    const r = await ledger.api.call('imports.commit', { previewId: preview.previewId });
    expect(r.counts).toMatchObject({ new: 3, duplicate: 5, revised: 5 });
    const after = await totals(ledger);
    expect(after.output).toBe(totalsBefore.output + 5 * 100 + 3 * Number(readFileSync(fixture('openrouter-activity.csv'), 'utf8').split('\n')[1]!.split(',')[8]));
    expect(ledger.engine.ctx.db.prepare('SELECT count(*) FROM fact_history').pluck().get()).toBe(5);

    const undo = await ledger.api.call('imports.undo', { batchId: r.files[0]!.batchId! });
    expect(undo).toMatchObject({ removed: 3, restored: 5 });
    expect(dumpTables(ledger.engine, LEDGER_TABLES)).toEqual(before);
    expect(await totals(ledger)).toEqual(totalsBefore);
    const list = await ledger.api.call('imports.list', {});
    expect(list[0]).toMatchObject({ id: r.files[0]!.batchId, status: 'undone' });
  });

  it('undo of a finer batch restores the coarser facts and every flag exactly', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity-api.json')] });
    const before = dumpTables(ledger.engine, LEDGER_TABLES);
    const fine = await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    expect(ledger.engine.ctx.db.prepare('SELECT count(*) FROM usage_facts WHERE counts_tokens = 0').pluck().get()).toBe(15);
    await ledger.api.call('imports.undo', { batchId: fine.files[0]!.batchId! });
    expect(dumpTables(ledger.engine, LEDGER_TABLES)).toEqual(before);
  });

  it('refuses to undo a batch whose rows a later batch revised, until that one is undone', async () => {
    ledger = tempLedger();
    const first = await ledger.api.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    const second = await ledger.api.call('imports.commit', { paths: [laterExport(ledger.dir)] });
    await expect(ledger.api.call('imports.undo', { batchId: first.files[0]!.batchId! })).rejects.toMatchObject({ code: 'CONFLICT' });
    await ledger.api.call('imports.undo', { batchId: second.files[0]!.batchId! });
    await ledger.api.call('imports.undo', { batchId: first.files[0]!.batchId! });
    expect(ledger.engine.ctx.db.prepare('SELECT count(*) FROM usage_facts').pluck().get()).toBe(0);
    await expect(ledger.api.call('imports.undo', { batchId: first.files[0]!.batchId! })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(ledger.api.call('imports.undo', { batchId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a cost file bills the usage it covers', () => {
  it('OpenAI usage + costs: billed money is the cost file, tokens the usage file', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('openai-usage-completions.json'), fixture('openai-costs.json')] });
    const t = (await ledger.api.call('report.totals', {})).totals;
    expect(t.tokens.input).toBe(EXPECTED['openai-usage-completions.json']!.input_uncached);
    expect(formatNano(parseDecimalToNano(t.billed.USD!), 6)).toBe(EXPECTED['openai-costs.json']!.cost);
    expect(t.spend).toEqual(t.billed);
  });
});
