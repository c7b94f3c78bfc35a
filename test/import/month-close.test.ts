/**
 * Month close through the contract, the HTTP host and the CLI, on real ledger files: September closed,
 * a file with September and October rows imported: October counts, September's figures stay identical,
 * the hold shows exactly the September part; accepting changes September by exactly that, discarding
 * removes it; a bundle merged into the closed month is held the same way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { startServer, type RunningServer } from '../../electron/server';
import { createClient, type ApiClient } from '../../shared/contract/client';
import { TOKEN_HEADER } from '../../shared/contract/transport';
import { parseDecimalToNano } from '../../shared/domain/money';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/exports', name);
const HEADER =
  'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name';
const row = (id: string, at: string, cost: string) => `${id},${at},${cost},0,0,0,0,1000,200,0,0,openai/gpt-4.1-2025-04-14,OpenAI,standard,false,true,,stop,stop,1000,100,false,late-key,Late`;
/** Three September generations (4.50 USD) and two October ones (0.80 USD), billed by OpenRouter. */
const LATE_ROWS = [
  row('gen-late-sep-1', '2025-09-12 10:00:00.000', '1.25'),
  row('gen-late-sep-2', '2025-09-20 11:00:00.000', '2.50'),
  row('gen-late-sep-3', '2025-09-30 23:30:00.000', '0.75'),
  row('gen-late-oct-1', '2025-10-01 00:10:00.000', '0.30'),
  row('gen-late-oct-2', '2025-10-02 09:00:00.000', '0.50'),
];

function lateFile(): string {
  const path = join(tempDir(), 'openrouter-activity-late.csv');
  writeFileSync(path, [HEADER, ...LATE_ROWS].join('\n') + '\n');
  return path;
}

const nano = (v: string | null | undefined) => parseDecimalToNano(v ?? 'NaN');

/** A month's figures as every screen sees them: totals in USD and per currency, and by provider. */
async function month(client: ApiClient, from: string, to: string) {
  const r = await client.call('report.explore', { from, to, timeZone: 'UTC', currency: 'USD', groupBy: ['provider'], bucket: 'none' });
  return { totals: r.totals, rows: r.rows };
}
const september = (c: ApiClient) => month(c, '2025-09-01', '2025-09-30');
const october = (c: ApiClient) => month(c, '2025-10-01', '2025-10-31');

describe('month close', () => {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('holds the September part of a later import, counts October, and accepting adds exactly the held amount', async () => {
    const t = testEngine();
    await t.client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    const closed = await t.client.call('close.month', { month: '2025-09' });
    expect(closed.closed.map((c) => c.month)).toEqual(['2025-09']);
    const before = await september(t.client);

    await t.client.call('imports.commit', { paths: [lateFile()] });
    expect(await september(t.client)).toEqual(before);
    expect(nano((await october(t.client)).totals.spend.USD)).toBe(nano('0.8'));

    const state = await t.client.call('close.list', {});
    expect(state.held).toHaveLength(1);
    expect(state.held[0]).toMatchObject({ file: 'openrouter-activity-late.csv', month: '2025-09', closed: true, newFacts: 3, revisedFacts: 0 });
    expect(Object.keys(state.held[0]!.amounts)).toEqual(['USD']);
    expect(nano(state.held[0]!.amounts.USD)).toBe(nano('4.5'));

    // The same file again adds nothing more to the hold.
    await t.client.call('imports.commit', { paths: [lateFile()] });
    const again = await t.client.call('close.list', {});
    expect(again.held.map((h) => [h.newFacts, nano(h.amounts.USD)])).toEqual([[3, nano('4.5')]]);

    const accepted = await t.client.call('close.accept', { batchIds: [state.held[0]!.batchId] });
    expect(accepted.accepted).toBe(3);
    expect(accepted.state.held).toEqual([]);
    const after = await september(t.client);
    expect(nano(after.totals.spend.USD) - nano(before.totals.spend.USD)).toBe(nano('4.5'));
    expect(after.totals.facts - before.totals.facts).toBe(3);
    expect(nano((await october(t.client)).totals.spend.USD)).toBe(nano('0.8'));
  });

  it('discarding a hold removes it and leaves September as closed; undoing the import takes its hold too', async () => {
    const t = testEngine();
    await t.client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    await t.client.call('close.month', { month: '2025-09' });
    const before = await september(t.client);
    const imported = await t.client.call('imports.commit', { paths: [lateFile()] });
    const discarded = await t.client.call('close.discard', { month: '2025-09' });
    expect(discarded).toMatchObject({ discarded: 3, state: { held: [] } });
    expect(await september(t.client)).toEqual(before);

    await t.client.call('close.reopen', { month: '2025-09' });
    await t.client.call('close.month', { month: '2025-09' });
    const second = await t.client.call('imports.commit', { paths: [lateFile()] });
    expect((await t.client.call('close.list', {})).held).toHaveLength(1);
    await t.client.call('imports.undo', { batchId: second.files[0]!.batchId! });
    expect((await t.client.call('close.list', {})).held).toEqual([]);
    expect(imported.files[0]!.batchId).not.toBe(second.files[0]!.batchId);
  });

  it('holds a revision of a closed month: the figure stays until accepted, then the revised amount counts', async () => {
    const t = testEngine();
    const first = lateFile();
    await t.client.call('imports.commit', { paths: [first] });
    await t.client.call('close.month', { month: '2025-09' });
    const before = await september(t.client);
    // A newer export of the same generation says 1.75 instead of 1.25.
    const revised = join(tempDir(), 'openrouter-activity-revised.csv');
    writeFileSync(revised, [HEADER, row('gen-late-sep-1', '2025-09-12 10:00:00.000', '1.75')].join('\n') + '\n');
    await t.client.call('imports.commit', { paths: [revised] });
    expect(await september(t.client)).toEqual(before);
    const held = (await t.client.call('close.list', {})).held;
    expect(held).toMatchObject([{ file: 'openrouter-activity-revised.csv', newFacts: 0, revisedFacts: 1 }]);
    expect(nano(held[0]!.amounts.USD)).toBe(nano('0.5'));
    await t.client.call('close.accept', { month: '2025-09' });
    const after = await september(t.client);
    expect(nano(after.totals.spend.USD) - nano(before.totals.spend.USD)).toBe(nano('0.5'));
    expect(after.totals.facts).toBe(before.totals.facts);
  });

  it('holds what a merged bundle brings into the closed month', async () => {
    const dir = tempDir();
    const a = testEngine();
    const b = testEngine();
    await a.client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    await a.client.call('close.month', { month: '2025-09' });
    const before = await september(a.client);
    await b.client.call('imports.commit', { paths: [lateFile()] });
    await b.client.call('bundle.export', { path: join(dir, 'b.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b.tlbundle')] });
    expect(await september(a.client)).toEqual(before);
    expect(nano((await october(a.client)).totals.spend.USD)).toBe(nano('0.8'));
    const held = (await a.client.call('close.list', {})).held;
    expect(held).toMatchObject([{ month: '2025-09', newFacts: 3 }]);
    expect(nano(held[0]!.amounts.USD)).toBe(nano('4.5'));
  });

  it('holds a newer bundle’s retraction of closed-month facts: September stays until accepted, discard keeps it', async () => {
    const dir = tempDir();
    const a = testEngine();
    const b = testEngine();
    await a.client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    const late = await b.client.call('imports.commit', { paths: [lateFile()] });
    await b.client.call('bundle.export', { path: join(dir, 'b1.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b1.tlbundle')] });
    await a.client.call('close.month', { month: '2025-09' });
    const before = await september(a.client);
    const octBefore = await october(a.client);
    // B no longer has two September generations (2.50 + 0.75 USD): its next bundle retracts them.
    await b.client.call('imports.undo', { batchId: late.files[0]!.batchId! });
    const fewer = join(tempDir(), 'openrouter-activity-fewer.csv');
    writeFileSync(fewer, [HEADER, LATE_ROWS[0], LATE_ROWS[3], LATE_ROWS[4]].join('\n') + '\n');
    await b.client.call('imports.commit', { paths: [fewer] });
    await b.client.call('bundle.export', { path: join(dir, 'b2.tlbundle') });
    const merged = await a.client.call('bundle.import', { paths: [join(dir, 'b2.tlbundle')] });
    expect(merged.files[0]!.counts.retracted).toBe(0);
    expect(await september(a.client)).toEqual(before);
    expect(await october(a.client)).toEqual(octBefore);
    const held = (await a.client.call('close.list', {})).held;
    expect(held).toMatchObject([{ kind: 'import', file: 'b2.tlbundle', month: '2025-09', closed: true, newFacts: 0, revisedFacts: 0, removedFacts: 2 }]);
    expect(nano(held[0]!.amounts.USD)).toBe(-nano('3.25'));

    await a.client.call('close.discard', { batchIds: [held[0]!.batchId] });
    expect(await september(a.client)).toEqual(before);
    expect((await a.client.call('close.list', {})).held).toEqual([]);

    // The same bundle merged again is a no-op; a third bundle holds the retraction again, and accepting applies it.
    await b.client.call('bundle.export', { path: join(dir, 'b3.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b3.tlbundle')] });
    expect(await september(a.client)).toEqual(before);
    const again = (await a.client.call('close.list', {})).held;
    expect(again.map((h) => [h.file, h.removedFacts, nano(h.amounts.USD)])).toEqual([['b3.tlbundle', 2, -nano('3.25')]]);
    const accepted = await a.client.call('close.accept', { month: '2025-09' });
    expect(accepted.accepted).toBe(2);
    const after = await september(a.client);
    expect(nano(before.totals.spend.USD) - nano(after.totals.spend.USD)).toBe(nano('3.25'));
    expect(before.totals.facts - after.totals.facts).toBe(2);
    expect(await october(a.client)).toEqual(octBefore);

    // Undoing that merge would put the two generations back into the closed month: held, then accepted.
    const bundles = await a.client.call('bundle.list', {});
    const third = bundles.find((x) => x.file === 'b3.tlbundle')!;
    const undo = await a.client.call('bundle.undo', { bundleId: third.bundleId });
    expect(undo).toMatchObject({ removed: 0, restored: 0, heldMonths: ['2025-09'] });
    expect(await september(a.client)).toEqual(after);
    const heldUndo = (await a.client.call('close.list', {})).held;
    expect(heldUndo).toMatchObject([{ kind: 'undo', file: 'b3.tlbundle', month: '2025-09', revisedFacts: 2, removedFacts: 0 }]);
    expect(nano(heldUndo[0]!.amounts.USD)).toBe(nano('3.25'));
    await a.client.call('close.accept', { batchIds: [heldUndo[0]!.batchId] });
    expect(await september(a.client)).toEqual(before);
  });

  it('holds the undo of an import with facts in a closed month: nothing changes until accepted; discard keeps the import', async () => {
    const t = testEngine();
    await t.client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    const late = await t.client.call('imports.commit', { paths: [lateFile()] });
    const batchId = late.files[0]!.batchId!;
    await t.client.call('close.month', { month: '2025-09' });
    const before = await september(t.client);
    const octBefore = await october(t.client);

    const undo = await t.client.call('imports.undo', { batchId });
    expect(undo).toMatchObject({ batchId, removed: 0, restored: 0, heldMonths: ['2025-09'] });
    expect(await september(t.client)).toEqual(before);
    expect(await october(t.client)).toEqual(octBefore);
    const held = (await t.client.call('close.list', {})).held;
    expect(held).toMatchObject([{ kind: 'undo', batchId, file: 'openrouter-activity-late.csv', month: '2025-09', newFacts: 0, revisedFacts: 0, removedFacts: 3 }]);
    expect(nano(held[0]!.amounts.USD)).toBe(-nano('4.5'));

    await t.client.call('close.discard', { batchIds: [batchId] });
    expect(await september(t.client)).toEqual(before);
    expect((await t.client.call('imports.list', {})).find((b) => b.id === batchId)?.status).toBe('committed');

    await t.client.call('imports.undo', { batchId });
    const accepted = await t.client.call('close.accept', { month: '2025-09' });
    expect([accepted.accepted, accepted.state.held]).toEqual([1, []]);
    expect(nano(before.totals.spend.USD) - nano((await september(t.client)).totals.spend.USD)).toBe(nano('4.5'));
    expect(nano(octBefore.totals.spend.USD) - nano((await october(t.client)).totals.spend.USD ?? '0')).toBe(nano('0.8'));
    expect((await t.client.call('imports.list', { includeUndone: true })).find((b) => b.id === batchId)?.status).toBe('undone');
  });

  it('works through the HTTP host the browser uses', async () => {
    const t = testEngine();
    const s = await startServer({ dispatch: t.engine.dispatch, staticDir: tempDir() });
    servers.push(s);
    // The browser's transport: POST /api/<method> with the token header.
    const http = createClient({
      invoke: async (method, input) => {
        const res = await fetch(`http://127.0.0.1:${s.port}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: s.token },
          body: JSON.stringify(input ?? {}),
        });
        return res.json();
      },
      on: () => () => {},
    });
    await t.client.call('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
    await http.call('close.month', { month: '2025-09' });
    const before = await september(http);
    await t.client.call('imports.commit', { paths: [lateFile()] });
    expect(await september(http)).toEqual(before);
    const held = (await http.call('close.list', {})).held;
    expect(held).toMatchObject([{ month: '2025-09', newFacts: 3 }]);
    expect(nano(held[0]!.amounts.USD)).toBe(nano('4.5'));
    await http.call('close.accept', { batchIds: [held[0]!.batchId] });
    expect(nano((await september(http)).totals.spend.USD) - nano(before.totals.spend.USD)).toBe(nano('4.5'));
  });

  it('works through the CLI: close, close --list, the hold on import, accept, reopen', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    const cli = async (...args: string[]) => {
      const io = captureIo();
      const code = await runCli([...args, '--db', db], io);
      return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
    };
    expect((await cli('import', fixture('openrouter-activity.csv'))).code).toBe(0);
    const closed = await cli('close', '2025-09');
    expect(closed.code).toBe(0);
    expect(closed.out).toMatch(/^Closed September 2025/m);
    expect((await cli('import', lateFile())).code).toBe(0);
    const list = await cli('close', '--list');
    expect(list.out).toMatch(/^2025-09 +closed/m);
    expect(list.out).toContain('1 import holds 4.50 USD for September 2025 (closed)');
    const bad = await cli('close', 'September');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('close takes a month as YYYY-MM');
    const accepted = await cli('close', 'accept', '--month', '2025-09');
    expect(accepted.out).toMatch(/^Accepted 3 held facts/m);
    expect((await cli('close', '--list')).out).not.toContain('holds');
    expect((await cli('reopen', '2025-09')).out).toMatch(/^Reopened September 2025/m);
    expect((await cli('close', '--list')).out).toContain('No month is closed.');
  });
});
