/**
 * Importing an agent's log again: a file the ledger remembers and that is unchanged is not read (its
 * parser never runs); a file that grew is read from where the last import stopped (only the appended
 * text reaches the parser, lines numbered as in the file); a truncated or rewritten file is read whole
 * again; an undo forgets what was read; a change that adds nothing leaves no batch. Totals stay exact.
 * A provider's export the ledger remembers is not read either while unchanged, and read whole once changed.
 */
import { appendFileSync, copyFileSync, readFileSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../electron/engine/imports/service';
import { claudeCodeJsonl } from '../../electron/engine/importers/anthropic/claude-code-jsonl';
import { openrouterActivityCsv } from '../../electron/engine/importers/openrouter/activity-csv';
import type { Importer } from '../../electron/engine/importers/types';
import { tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

/** One assistant line of a Claude Code log: message `id`, `output` tokens, at minute `minute` of 2025-09-01. */
function line(id: number, output: number, minute = id % 600): string {
  return JSON.stringify({
    sessionId: '3f9a2c1e-7b4d-4e8a-9c2f-6d1e0b5a7c33',
    type: 'assistant',
    uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    timestamp: new Date(Date.UTC(2025, 8, 1, 0, minute)).toISOString(),
    message: { id: `msg_${id}`, model: 'claude-sonnet-4-20250514', usage: { input_tokens: 10, output_tokens: output } },
    requestId: `req_${id}`,
  });
}
const lines = (from: number, to: number, output = 100) => Array.from({ length: to - from }, (_, i) => line(from + i, output)).join('\n') + '\n';
const userLine = JSON.stringify({ sessionId: 's', type: 'user', uuid: 'u-1', timestamp: '2025-09-01T00:00:00.000Z', message: { role: 'user', content: 'hi' } }) + '\n';

/** An importer (Claude Code's unless named), counting its parser's runs and the text handed to it. */
function counting(base: Importer = claudeCodeJsonl): { importer: Importer; runs: number; chars: number } {
  const c = { runs: 0, chars: 0, importer: undefined as unknown as Importer };
  c.importer = {
    ...base,
    parse(source, ctx) {
      c.runs++;
      async function* counted() {
        for await (const text of source) {
          c.chars += text.length;
          yield text;
        }
      }
      return base.parse(counted(), ctx);
    },
  };
  return c;
}

async function setup(n: number) {
  ledger = tempLedger();
  const log = join(ledger.dir, 'session.jsonl');
  writeFileSync(log, lines(0, n));
  const parser = counting();
  const l = ledger;
  const commit = () => importPaths(l.engine.ctx, [log], { onError: 'abort', importers: [parser.importer] });
  const totals = async () => (await l.api.call('report.totals', {})).totals;
  const facts = () => l.engine.ctx.db.prepare('SELECT count(*) FROM usage_facts').pluck().get() as number;
  const batches = async () => (await l.api.call('imports.list', {})).length;
  return { l, log, parser, commit, totals, facts, batches };
}

describe('importing an agent log again', () => {
  it('skips an unchanged file without running its parser', async () => {
    const t = await setup(40);
    const first = await t.commit();
    expect([first.counts.new, t.parser.runs]).toEqual([40, 1]);
    const before = await t.totals();
    const again = await t.commit();
    expect(again.files[0]).toMatchObject({ unchanged: true, batchId: null, counts: { new: 0, duplicate: 0, revised: 0, skipped: 0, error: 0 } });
    expect(t.parser.runs).toBe(1);
    expect(await t.totals()).toEqual(before);
    expect(await t.batches()).toBe(1);
  });

  it('reads only the appended records, numbering their lines as in the file', async () => {
    const t = await setup(40);
    await t.commit();
    const firstChars = t.parser.chars;
    const appended = lines(40, 45, 7);
    appendFileSync(t.log, appended);
    const r = await t.commit();
    expect(r.counts).toMatchObject({ new: 5, duplicate: 0, revised: 0, error: 0 });
    expect(t.parser.chars - firstChars).toBe(appended.length);
    expect(t.l.engine.ctx.db.prepare('SELECT source_line FROM usage_facts WHERE output = 7 ORDER BY source_line').pluck().all()).toEqual([41, 42, 43, 44, 45]);
    expect(t.facts()).toBe(45);
    expect((await t.totals()).tokens.output).toBe(40 * 100 + 5 * 7);
  });

  it('reads a last line written without its newline again once it is complete, counting it once', async () => {
    const t = await setup(10);
    appendFileSync(t.log, line(10, 3)); // no newline yet: the agent is still writing
    expect((await t.commit()).counts.new).toBe(11);
    appendFileSync(t.log, '\n' + lines(11, 13, 3));
    const r = await t.commit();
    expect(r.counts).toMatchObject({ new: 2, duplicate: 1, revised: 0 });
    expect(t.facts()).toBe(13);
    expect((await t.totals()).tokens.output).toBe(10 * 100 + 3 * 3);
  });

  it('reads a truncated or rewritten file whole again, and the ledger keeps exact totals', async () => {
    const t = await setup(30);
    await t.commit();
    const text = readFileSync(t.log, 'utf8');
    truncateSync(t.log, text.indexOf('\n', text.length / 2) + 1);
    const truncated = await t.commit();
    expect(truncated.files[0]!.unchanged).toBeUndefined();
    expect(truncated.counts).toMatchObject({ new: 0, revised: 0 });
    expect(truncated.counts.duplicate).toBeGreaterThan(0);
    // Rewritten from the start with other records, longer than before: not mistaken for an append.
    writeFileSync(t.log, lines(100, 140, 9));
    const rewritten = await t.commit();
    expect(rewritten.counts).toMatchObject({ new: 40, duplicate: 0, revised: 0 });
    expect(t.parser.runs).toBe(3);
    expect(t.facts()).toBe(70);
    expect((await t.totals()).tokens.output).toBe(30 * 100 + 40 * 9);
  });

  it('reads a file whose bytes before the last line read changed whole again (same head, grown)', async () => {
    const t = await setup(30);
    await t.commit();
    const text = readFileSync(t.log, 'utf8');
    // Line 30 (message 29) now reports more output, and a line is appended: same head, larger file.
    writeFileSync(t.log, text.replace(line(29, 100), line(29, 150)) + lines(30, 31));
    const r = await t.commit();
    expect(r.counts).toMatchObject({ new: 1, revised: 1 });
    expect((await t.totals()).tokens.output).toBe(29 * 100 + 150 + 100);
  });

  it('forgets what it read of a file when that batch is undone: the next import reads it whole', async () => {
    const t = await setup(20);
    const first = await t.commit();
    await t.l.api.call('imports.undo', { batchId: first.files[0]!.batchId! });
    expect(t.facts()).toBe(0);
    const again = await t.commit();
    expect(again.counts.new).toBe(20);
    expect(t.facts()).toBe(20);
  });

  it('leaves no batch for a change that adds nothing, and remembers how far it read', async () => {
    const t = await setup(20);
    await t.commit();
    appendFileSync(t.log, userLine);
    const r = await t.commit();
    expect(r.files[0]).toMatchObject({ batchId: null, counts: { new: 0, duplicate: 0, revised: 0, skipped: 1, error: 0 } });
    expect(await t.batches()).toBe(1);
    const runs = t.parser.runs;
    expect((await t.commit()).files[0]!.unchanged).toBe(true);
    expect(t.parser.runs).toBe(runs);
    // A new time alone (touched): read from the last line read, nothing there, still no batch.
    utimesSync(t.log, new Date(Date.UTC(2030, 0, 1)), new Date(Date.UTC(2030, 0, 1)));
    expect((await t.commit()).files[0]).toMatchObject({ batchId: null, counts: { new: 0, skipped: 0 } });
    expect(await t.batches()).toBe(1);
  });
});

describe('importing a provider export again', () => {
  it('skips an unchanged export without reading it, and reads a changed one whole, counting each row once', async () => {
    ledger = tempLedger();
    const l = ledger;
    const csv = join(l.dir, 'openrouter-activity.csv');
    copyFileSync(join(import.meta.dirname, '../fixtures/exports/openrouter-activity.csv'), csv);
    const parser = counting(openrouterActivityCsv);
    const commit = () => importPaths(l.engine.ctx, [csv], { onError: 'abort', importers: [parser.importer] });
    const totals = async () => (await l.api.call('report.totals', {})).totals;
    const batches = async () => (await l.api.call('imports.list', {})).length;

    const first = await commit();
    const rows = first.counts.new;
    expect(rows).toBeGreaterThan(0);
    expect(parser.runs).toBe(1);
    const before = await totals();

    const again = await commit();
    expect(again.files[0]).toMatchObject({ unchanged: true, batchId: null, counts: { new: 0, duplicate: 0, revised: 0, skipped: 0, error: 0 } });
    expect(parser.runs).toBe(1);
    expect(await totals()).toEqual(before);
    expect(await batches()).toBe(1);

    // One more generation appended: the export changed, so it is read whole; only the new row is new.
    const text = readFileSync(csv, 'utf8');
    const row = text.split('\n')[1]!.split(',');
    row[0] = 'gen-appended-1';
    row[8] = '7777'; // tokens_completion
    appendFileSync(csv, row.join(',') + '\n');
    const chars = parser.chars;
    const changed = await commit();
    expect(changed.files[0]!.unchanged).toBeUndefined();
    expect(changed.counts).toMatchObject({ new: 1, duplicate: rows, revised: 0, error: 0 });
    expect(parser.chars - chars).toBe(readFileSync(csv, 'utf8').length);
    expect((await totals()).tokens.output).toBe(before.tokens.output + 7777);

    // Unchanged again after that import: not read.
    expect((await commit()).files[0]!.unchanged).toBe(true);
    expect(parser.runs).toBe(2);
  });
});
