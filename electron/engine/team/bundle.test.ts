/**
 * Ledger bundles through the contract, on real ledger files and the real fixtures: two machines with
 * different exports and one bill imported on both, merged both ways, against one ledger that imported
 * every file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/contract/client';
import { testEngine } from '../../../test/helpers/engine';
import { tempDir } from '../../../test/helpers/tmp';

const fixture = (name: string) => join(import.meta.dirname, '../../../test/fixtures/exports', name);
/** The bill both machines imported. */
const SHARED = fixture('openai-costs.json');
/** Machine A: OpenRouter per request, Anthropic usage. Machine B: OpenRouter per day (the same usage, coarser), OpenAI usage. */
const A_FILES = [fixture('openrouter-generation.jsonl'), fixture('anthropic-usage-report.json'), SHARED];
const B_FILES = [fixture('openrouter-activity.csv'), fixture('openai-usage-completions.json'), SHARED];

/** What a user compares: the totals and the spend and tokens by provider and model. */
async function figures(client: ApiClient) {
  const totals = await client.call('report.totals', {});
  const explore = await client.call('report.explore', { groupBy: ['provider', 'model'], timeZone: 'UTC', currency: 'USD' });
  return { totals: totals.totals, facts: totals.factCount, rows: explore.rows };
}

async function machine(files: readonly string[], member: string) {
  const t = testEngine();
  await t.client.call('imports.commit', { paths: [...files] });
  await t.client.call('team.update', { member });
  return t;
}

describe('ledger bundles', () => {
  it('two machines merged both ways give the totals of one ledger that imported every file; the shared bill counts once', async () => {
    const dir = tempDir();
    const a = await machine(A_FILES, 'ada');
    const b = await machine(B_FILES, 'bo');
    const one = testEngine();
    await one.client.call('imports.commit', { paths: [...A_FILES, ...B_FILES.filter((f) => f !== SHARED)] });
    const expected = await figures(one.client);

    const ea = await a.client.call('bundle.export', { path: join(dir, 'a.tlbundle') });
    const eb = await b.client.call('bundle.export', { path: join(dir, 'b.tlbundle') });
    expect(ea.machineId).not.toBe(eb.machineId);
    expect(ea.batches).toBe(3);

    const intoA = await a.client.call('bundle.import', { paths: [join(dir, 'b.tlbundle')] });
    const intoB = await b.client.call('bundle.import', { paths: [join(dir, 'a.tlbundle')] });
    expect(intoA.files[0]).toMatchObject({ status: 'merged', member: 'bo' });
    expect(intoB.files[0]).toMatchObject({ status: 'merged', member: 'ada' });
    // The bill was imported on both machines: its facts arrive as duplicates, claimed, not added.
    const billFacts = (await one.client.call('imports.list', {})).find((i) => i.format === 'openai-costs-json')!.counts.new;
    for (const t of [a, b]) {
      const bills = (await t.client.call('imports.list', {})).filter((i) => i.format === 'openai-costs-json');
      expect(bills.map((i) => i.counts)).toEqual([
        { new: 0, duplicate: billFacts, revised: 0, skipped: 0, error: 0 },
        { new: billFacts, duplicate: 0, revised: 0, skipped: 0, error: 0 },
      ]);
    }

    expect(await figures(a.client)).toEqual(expected);
    expect(await figures(b.client)).toEqual(expected);
  });

  it('merging the same bundle twice changes nothing; undo restores the ledger as it was', async () => {
    const dir = tempDir();
    const a = await machine(A_FILES, 'ada');
    const b = await machine(B_FILES, 'bo');
    const before = await figures(a.client);
    const path = join(dir, 'b.tlbundle');
    await b.client.call('bundle.export', { path: path });
    const first = await a.client.call('bundle.import', { paths: [path] });
    const merged = await figures(a.client);
    expect(merged.facts).toBeGreaterThan(before.facts);
    const second = await a.client.call('bundle.import', { paths: [path] });
    expect(second.files[0]).toMatchObject({ status: 'already-merged', bundleId: null, counts: { new: 0, duplicate: 0, revised: 0, retracted: 0 } });
    expect(await figures(a.client)).toEqual(merged);
    const imports = await a.client.call('imports.list', {});
    expect(imports.filter((i) => i.status === 'committed')).toHaveLength(3 + 4); // A's three files, the bundle and its three batches

    const fromBundle = imports.find((i) => i.format === 'openai-usage-json')!;
    await expect(a.client.call('imports.undo', { batchId: fromBundle.id })).rejects.toThrow(
      `Batch ${fromBundle.id} came with merged bundle ${first.files[0]!.bundleId}: undo the bundle (tokenledger bundle undo ${first.files[0]!.bundleId})`,
    );
    await a.client.call('bundle.undo', { bundleId: first.files[0]!.bundleId! });
    expect(await figures(a.client)).toEqual(before);
    expect((await a.client.call('bundle.list', {}))[0]).toMatchObject({ status: 'undone', member: 'bo' });
  });

  it("a newer bundle of a machine revises its facts: what it no longer carries goes, and undoing the newer one brings it back", async () => {
    const dir = tempDir();
    const a = await machine([SHARED], 'ada');
    const b = await machine(B_FILES, 'bo');
    await b.client.call('bundle.export', { path: join(dir, 'b1.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b1.tlbundle')] });
    const withAll = await figures(a.client);
    // B undoes its OpenAI usage import, then exports again.
    const openaiUsage = (await b.client.call('imports.list', {})).find((i) => i.format.startsWith('openai-usage'))!;
    await b.client.call('imports.undo', { batchId: openaiUsage.id });
    await b.client.call('bundle.export', { path: join(dir, 'b2.tlbundle') });
    const r = await a.client.call('bundle.import', { paths: [join(dir, 'b2.tlbundle')] });
    expect(r.files[0]!.counts.retracted).toBe(openaiUsage.counts.new);
    expect(r.files[0]!.counts.new).toBe(0);
    // A now holds B's ledger plus nothing of its own but the bill B also has: the same figures as B.
    expect(await figures(a.client)).toEqual(await figures(b.client));
    // The older bundle again adds nothing.
    expect((await a.client.call('bundle.import', { paths: [join(dir, 'b1.tlbundle')] })).files[0]!.status).toBe('older');
    await a.client.call('bundle.undo', { bundleId: r.files[0]!.bundleId! });
    expect(await figures(a.client)).toEqual(withAll);
  });

  it("a machine's facts that stop coming take the overlaps they won with them: the coarser source counts again", async () => {
    const dir = tempDir();
    const a = await machine([fixture('openrouter-activity-api.json')], 'ada');
    const b = await machine([fixture('openrouter-generation.jsonl')], 'bo');
    const c = testEngine();
    await a.client.call('bundle.export', { path: join(dir, 'a.tlbundle') });
    await b.client.call('bundle.export', { path: join(dir, 'b1.tlbundle') });
    await c.client.call('bundle.import', { paths: [join(dir, 'a.tlbundle'), join(dir, 'b1.tlbundle')] });
    const both = await figures(c.client);
    const generation = (await b.client.call('imports.list', {}))[0]!;
    await b.client.call('imports.undo', { batchId: generation.id });
    await b.client.call('bundle.export', { path: join(dir, 'b2.tlbundle') });
    const r = await c.client.call('bundle.import', { paths: [join(dir, 'b2.tlbundle')] });
    expect(r.files[0]!.counts.retracted).toBe(generation.counts.new);
    expect(await figures(c.client)).toEqual(await figures(a.client));
    await c.client.call('bundle.undo', { bundleId: r.files[0]!.bundleId! });
    expect(await figures(c.client)).toEqual(both);
  });

  it('refuses a damaged bundle naming its line and field, and merges nothing of it', async () => {
    const dir = tempDir();
    const a = await machine([SHARED], 'ada');
    const b = await machine(B_FILES, 'bo');
    const path = join(dir, 'b.tlbundle');
    await b.client.call('bundle.export', { path: path });
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
    lines[2] = lines[2]!.replace(/"input":\d+/, '"input":-5');
    writeFileSync(path, gzipSync(lines.join('\n')));
    const before = await figures(a.client);
    await expect(a.client.call('bundle.import', { paths: [path] })).rejects.toThrow('b.tlbundle line 3, row.input: Too small: expected number to be >=0');
    expect(await figures(a.client)).toEqual(before);
    writeFileSync(path, 'not a bundle');
    await expect(a.client.call('bundle.import', { paths: [path] })).rejects.toThrow('b.tlbundle is not a ledger bundle (not gzip)');
  });

  it("a machine's own bundle merges nothing into itself; --since keeps the earlier days out", async () => {
    const dir = tempDir();
    const b = await machine(B_FILES, 'bo');
    const path = join(dir, 'b.tlbundle');
    const all = await b.client.call('bundle.export', { path: path });
    expect((await b.client.call('bundle.import', { paths: [path] })).files[0]!.status).toBe('own');
    const facts = await b.client.call('report.facts', { from: '2025-09-15', limit: 5000 });
    const since = await b.client.call('bundle.export', { path: join(dir, 'b-since.tlbundle'), since: '2025-09-15' });
    expect(since.sequence).toBe(all.sequence + 1);
    expect(since.facts).toBe(facts.total);
    expect(since.facts).toBeLessThan(all.facts);
  });

  it("a merged agent log keeps its sessions: the other machine lists them as the machine that imported the log does (the session comes from the tags, not the bundle)", async () => {
    const dir = tempDir();
    const a = await machine([fixture('claude-code-session.jsonl')], 'ada');
    const sessions = await a.client.call('agents.sessions', {});
    expect(sessions.length).toBeGreaterThan(0);
    const path = join(dir, 'a.tlbundle');
    await a.client.call('bundle.export', { path });
    const row = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8').split('\n')[1]!) as { row: Record<string, unknown> };
    expect(row.row).not.toHaveProperty('session');
    const b = testEngine();
    expect((await b.client.call('bundle.import', { paths: [path] })).files[0]).toMatchObject({ status: 'merged' });
    expect(await b.client.call('agents.sessions', {})).toEqual(sessions);
  });
});
