/**
 * Rollups stay equal to the raw facts: random sequences of imports (whole
 * fixture exports, random subsets of their rows, rows with a digit changed so they are revised or new)
 * and undos, through the real pipeline on a real SQLite file. After every step the incrementally kept
 * rollup_daily equals a rebuild from the facts, and its totals equal ledgerTotals() (reports/totals-store.ts, an
 * independent query) for the whole ledger and for random day ranges. Seeded, so a failure replays.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, type WritableDb } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { rebuildDerived } from '../../electron/engine/ledger/derived';
import { ledgerTotals } from '../../electron/engine/reports/totals-store';
import { aggregate, dailySpend } from '../../electron/engine/reports/query-store';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { seeded } from '../../shared/domain/random';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'exports');

/** mulberry32: a small seeded generator. */
function rng(seed: number) {
  const next = seeded(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const ORDER = 'day, provider, model, model_raw, model_family, vendor, origin_region, host, inference_geo, account, project, api_key, member, service_tier, line_type, currency';

const NARROW_ORDER = 'day, provider, model, model_raw, model_family, vendor, origin_region, project, line_type, currency';

const HOURLY_ORDER = 'day, provider, model, model_raw, model_family, vendor, origin_region, project, currency';

/** Both rollup tables (the wide and the narrow one), as text to compare. */
function rollupRows(db: WritableDb): string {
  return JSON.stringify(
    [
      all(db, sql.raw(`SELECT * FROM rollup_daily ORDER BY ${ORDER}`)),
      all(db, sql.raw(`SELECT * FROM rollup_narrow ORDER BY ${NARROW_ORDER}`)),
      all(db, sql.raw(`SELECT * FROM rollup_hourly ORDER BY hour, ${HOURLY_ORDER}`)),
      all(db, sql.raw('SELECT * FROM rollup_hourly_spend ORDER BY day, hour, vendor, origin_region, currency')),
    ],
    (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
  );
}

/** Totals summed from rollup_daily over a day range, in ledgerTotals' shape (without the unpriced model list). */
function rollupTotals(db: WritableDb, from?: string, to?: string) {
  const where = sql.join([sql.raw('1 = 1'), ...(from ? [sql`day >= ${from}`] : []), ...(to ? [sql`day <= ${to}`] : [])], ' AND ');
  const t = all<Record<string, number | null>>(
    db,
    sql`SELECT sum(input) input, sum(cache_read) cache_read, sum(cache_write_5m) cache_write_5m, sum(cache_write_1h) cache_write_1h,
          sum(output) output, sum(reasoning) reasoning, sum(requests) requests, sum(unpriced_tokens) ut, sum(unpriced_facts) uf
        FROM rollup_daily WHERE ${where}`,
  )[0]!;
  const money = (col: string) =>
    Object.fromEntries(
      all<{ currency: string; n: string }>(
        db,
        sql`SELECT currency, CAST(sum(${sql.raw(col)}) AS TEXT) n FROM rollup_daily WHERE ${where} AND ${sql.raw(col)} IS NOT NULL GROUP BY currency ORDER BY currency`,
      ).map((r) => [r.currency, r.n]),
    );
  return {
    tokens: { input: t.input ?? 0, cache_read: t.cache_read ?? 0, cache_write_5m: t.cache_write_5m ?? 0, cache_write_1h: t.cache_write_1h ?? 0, output: t.output ?? 0, reasoning: t.reasoning ?? 0 },
    requests: t.requests ?? 0,
    billed: money('billed_nano'),
    estimated: money('estimated_nano'),
    spend: money('spend_nano'),
    unpriced: { tokens: t.ut ?? 0, facts: t.uf ?? 0 },
  };
}

/** ledgerTotals() with money as nano strings (to compare with rollup sums). */
function rawTotals(db: WritableDb, from?: string, to?: string) {
  const t = ledgerTotals(db, { from, to });
  const nano = (a: Record<string, string>) =>
    Object.fromEntries(Object.entries(a).map(([c, v]) => {
      const [i, f = ''] = v.replace('-', '').split('.');
      const n = BigInt(i! + f.padEnd(9, '0'));
      return [c, String(v.startsWith('-') ? -n : n)];
    }));
  return { tokens: t.tokens, requests: t.requests, billed: nano(t.billed), estimated: nano(t.estimated), spend: nano(t.spend), unpriced: { tokens: t.unpriced.tokens, facts: t.unpriced.facts } };
}

function variant(r: ReturnType<typeof rng>, file: string, dir: string, n: number): string {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const out = join(dir, `${n}-${file}`);
  if (!/\.(csv|jsonl)$/.test(file) || r.next() < 0.3) {
    writeFileSync(out, text);
    return out;
  }
  const lines = text.split(/\r?\n/);
  const header = file.endsWith('.csv') ? [lines.shift()!] : [];
  const body = lines.filter((l) => l.trim() !== '' && r.next() < 0.7).map((l) => {
    if (r.next() >= 0.35) return l;
    const cols = header.length ? header[0]!.split(',') : [];
    const numeric = cols.flatMap((c, i) => (/token|amount|cost|quantity/i.test(c) ? [i] : []));
    const cells = l.split(',');
    if (numeric.length && cells.length === cols.length && r.next() < 0.7) {
      // Change a number of the row, keeping its identity: the row is revised.
      const i = r.pick(numeric);
      if (/^\d+$/.test(cells[i]!)) {
        cells[i] = String(Number(cells[i]) + 1 + r.int(1000));
        return cells.join(',');
      }
    }
    // Change one digit anywhere: its numbers are revised, or its identity changes and it is new.
    const digits = [...l.matchAll(/\d/g)].map((m) => m.index);
    if (!digits.length) return l;
    const at = r.pick(digits);
    return l.slice(0, at) + String((Number(l[at]) + 1 + r.int(8)) % 10) + l.slice(at + 1);
  });
  writeFileSync(out, [...header, ...body].join('\n') + '\n');
  return out;
}

describe('daily rollups', () => {
  for (const seed of [1, 2, 3]) {
    it(`equal the raw facts after every step of a random import/undo sequence (seed ${seed})`, async () => {
      const r = rng(seed);
      const zr = rng(seed + 1000);
      const { engine, client } = testEngine();
      const db = engine.ctx.db;
      const dir = join(tempDir(), 'in');
      mkdirSync(dir);
      const files = readdirSync(FIXTURES).filter((f) => f.includes('.')).sort();
      const committed: number[] = [];
      let steps = 0;
      let undos = 0;
      let revised = 0;
      for (let step = 0; step < 24; step++) {
        if (committed.length > 0 && r.next() < 0.3) {
          const batchId = committed[r.int(committed.length)]!;
          try {
            await client.call('imports.undo', { batchId });
            committed.splice(committed.indexOf(batchId), 1);
            undos++;
          } catch (err) {
            // A batch revised by a later one cannot be undone first: the refusal must leave everything as it was.
            expect((err as Error).message).toMatch(/undo batch \d+ first|already undone/);
          }
        } else {
          const picks = [r.pick(files), ...(r.next() < 0.4 ? [r.pick(files)] : [])];
          const paths = [...new Set(picks)].map((f, i) => variant(r, f, dir, step * 10 + i));
          const res = await client.call('imports.commit', { paths, onError: 'skip' });
          for (const f of res.files) if (f.batchId !== null) committed.push(f.batchId);
          revised += res.counts.revised;
        }
        steps++;
        const kept = rollupRows(db);
        expect(rawTotals(db)).toEqual(rollupTotals(db));
        const days = all<{ day: string }>(db, sql`SELECT DISTINCT day FROM usage_facts ORDER BY day`).map((d) => d.day);
        if (days.length) {
          const a = r.pick(days);
          const b = r.pick(days);
          const [from, to] = a <= b ? [a, b] : [b, a];
          expect(rawTotals(db, from, to)).toEqual(rollupTotals(db, from, to));
          // Local days from the hourly rollup equal local days computed from the raw facts.
          // (Its own generator, so the import/undo sequence of each seed stays as it was.)
          const timeZone = zr.pick(['Asia/Shanghai', 'America/Los_Angeles', 'Europe/Berlin', 'Etc/GMT+8']);
          const groupBy = zr.pick([['vendor'], ['model', 'project'], ['origin_region'], []] as const);
          const q = { timeZone, from, to, groupBy, byDay: zr.next() < 0.5 };
          const sorted = (rows: ReturnType<typeof aggregate>) => JSON.stringify(rows.map((x) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort());
          expect(sorted(aggregate(db, q))).toBe(sorted(aggregate(db, { ...q, source: 'raw' })));
          // The daily chart's spend per local day, vendor and region from rollup_hourly_spend, likewise.
          const slim = (dailySpend(db, q) ?? []).map((x) => [x.day, x.vendor, x.origin_region, x.currency, String(x.spend_nano)].join('|')).sort();
          const fromRaw = aggregate(db, { timeZone, from, to, groupBy: ['vendor', 'origin_region'], byDay: true, source: 'raw' });
          expect(slim).toEqual(fromRaw.map((x) => [x.day, ...x.keys, x.currency, String(x.spend_nano)].join('|')).sort());
        }
        db.transaction(() => rebuildDerived(db))();
        expect(rollupRows(db)).toBe(kept);
      }
      expect(steps).toBe(24);
      // The sequence did import and undo (a seed that only imported would prove less).
      expect(committed.length + undos).toBeGreaterThan(0);
      expect(revised + undos).toBeGreaterThan(0);
      expect(all(db, sql`SELECT 1 FROM rollup_daily LIMIT 1`).length + undos).toBeGreaterThan(0);
    });
  }
});

/** Every derived table (the four rollups, the tip cells, each day's counts) as text to compare. */
function derivedRows(db: WritableDb): string {
  const tables = ['rollup_daily', 'rollup_narrow', 'rollup_hourly', 'rollup_hourly_spend', 'rollup_tip_cells'];
  const rows = tables.map((t) => {
    const cols = all<{ name: string }>(db, sql.raw(`PRAGMA table_info(${t})`)).map((c) => c.name).join(', ');
    return db.prepare(`SELECT * FROM ${t} ORDER BY ${cols}`).safeIntegers(true).all();
  });
  rows.push(db.prepare('SELECT day, max_end_ms, facts FROM ledger_days ORDER BY day').safeIntegers(true).all());
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

/** The derived rows as kept, and as a rebuild from the facts makes them (rolled back). */
function keptAndRebuilt(db: WritableDb): [string, string] {
  const kept = derivedRows(db);
  db.exec('SAVEPOINT rebuild');
  rebuildDerived(db);
  const rebuilt = derivedRows(db);
  db.exec('ROLLBACK TO rebuild');
  db.exec('RELEASE rebuild');
  return [kept, rebuilt];
}

/** OpenRouter activity rows `ids`, one every `minutes` from 2025-09-01, each costing `cost` (many chunks, many days). */
function activityRows(path: string, ids: readonly number[], minutes: number, cost = '0.05'): void {
  const lines = readFileSync(join(FIXTURES, 'openrouter-activity.csv'), 'utf8').split('\n');
  const template = lines[1]!.split(',');
  const out = [lines[0]!];
  for (const i of ids) {
    const cells = [...template];
    cells[0] = `gen-add-${i}`;
    cells[1] = new Date(Date.UTC(2025, 8, 1) + i * minutes * 60_000).toISOString().replace('T', ' ').replace('Z', '');
    cells[2] = cost;
    cells[12] = ['Anthropic', 'Google Vertex', 'Amazon Bedrock'][i % 3]!;
    cells[22] = ['cline-laptop', 'ci-runner', ''][i % 3]!;
    out.push(cells.join(','));
  }
  writeFileSync(path, out.join('\n') + '\n');
}

describe('rollups added as an import writes new facts', () => {
  // Every minute: a few rollup rows per hour, added. Every 61 minutes: about a row per fact, where the
  // import recomputes the days instead after its first batch.
  it.each([1, 61])('equal a rebuild when new facts land on days already rolled up, then after an undo (a fact every %i minute(s))', async (minutes) => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    const dir = tempDir();
    // 12,000 facts (24 chunks), then 6,000 more interleaved on the same days and hours.
    activityRows(join(dir, 'a.csv'), Array.from({ length: 12_000 }, (_, i) => 2 * i), minutes);
    activityRows(join(dir, 'b.csv'), Array.from({ length: 6_000 }, (_, i) => 4 * i + 1), minutes);
    const a = await client.call('imports.commit', { paths: [join(dir, 'a.csv')], onError: 'abort' });
    expect(a.counts.new).toBe(12_000);
    let [kept, rebuilt] = keptAndRebuilt(db);
    expect(kept).toBe(rebuilt);
    const b = await client.call('imports.commit', { paths: [join(dir, 'b.csv')], onError: 'abort' });
    expect(b.counts.new).toBe(6_000);
    [kept, rebuilt] = keptAndRebuilt(db);
    expect(kept).toBe(rebuilt);
    await client.call('imports.undo', { batchId: b.files[0]!.batchId! });
    [kept, rebuilt] = keptAndRebuilt(db);
    expect(kept).toBe(rebuilt);
    expect(all<{ n: number }>(db, sql`SELECT sum(facts) AS n FROM rollup_daily`)[0]!.n).toBe(12_000);
  });

  it('recompute a day a bill line arrives on, in a later import or in the same one', async () => {
    for (const together of [false, true]) {
      const { engine, client } = testEngine();
      const db = engine.ctx.db;
      const usage = join(FIXTURES, 'anthropic-usage-report.json');
      const bill = join(FIXTURES, 'anthropic-cost-report.json');
      const spend = () => all<{ n: string }>(db, sql`SELECT CAST(sum(spend_nano) AS TEXT) AS n FROM rollup_daily WHERE line_type = 'usage'`)[0]!.n;
      let before: string | null = null;
      if (!together) {
        await client.call('imports.commit', { paths: [usage], onError: 'abort' });
        const [kept, rebuilt] = keptAndRebuilt(db);
        expect(kept).toBe(rebuilt);
        before = spend();
      }
      const res = await client.call('imports.commit', { paths: together ? [usage, bill] : [bill], onError: 'abort' });
      // The bill covers the usage: none of the days' estimates is spend any more (the case that needs a recompute).
      expect(res.files.every((f) => f.overlaps.length === 0)).toBe(true);
      if (before !== null) expect(spend()).not.toBe(before);
      expect(spend()).toBeNull();
      const [kept, rebuilt] = keptAndRebuilt(db);
      expect(kept).toBe(rebuilt);
    }
  });

  it('recompute the days of a revised fact and of facts superseded by another format', async () => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    const dir = tempDir();
    activityRows(join(dir, 'a.csv'), Array.from({ length: 3_000 }, (_, i) => i), 20);
    // Every 7th row again costing more (revised), with 500 new rows on the same days.
    activityRows(join(dir, 'b.csv'), [...Array.from({ length: 400 }, (_, k) => 7 * k), ...Array.from({ length: 500 }, (_, k) => 10_000 + k)], 20, '0.07');
    await client.call('imports.commit', { paths: [join(dir, 'a.csv')], onError: 'abort' });
    const res = await client.call('imports.commit', { paths: [join(dir, 'b.csv'), join(FIXTURES, 'openrouter-activity.csv'), join(FIXTURES, 'openrouter-activity-api.json')], onError: 'abort' });
    expect(res.files[0]!.counts).toMatchObject({ new: 500, revised: 400 });
    expect(res.files.some((f) => f.overlaps.length > 0)).toBe(true);
    const [kept, rebuilt] = keptAndRebuilt(db);
    expect(kept).toBe(rebuilt);
  });
});

describe('rollups added while facts of a closed month are held', () => {
  it('equal a rebuild when the held facts were the last written and the next file reuses their ids', async () => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    const dir = tempDir();
    activityRows(join(dir, 'sep.csv'), Array.from({ length: 100 }, (_, i) => 100 + i), 1);
    await client.call('imports.commit', { paths: [join(dir, 'sep.csv')], onError: 'abort' });
    await client.call('close.month', { month: '2025-09' });
    // 16 chunks: 7,990 October facts, then 10 of closed September, written last (the largest ids) and
    // held when the file ends; then a file of 100 more October facts.
    const october = 30 * 24 * 60;
    activityRows(join(dir, 'a.csv'), [...Array.from({ length: 7_990 }, (_, k) => october + k), ...Array.from({ length: 10 }, (_, k) => k)], 1);
    activityRows(join(dir, 'b.csv'), Array.from({ length: 100 }, (_, k) => october + 20_000 + k), 1);
    const res = await client.call('imports.commit', { paths: [join(dir, 'a.csv'), join(dir, 'b.csv')], onError: 'abort' });
    expect(res.files.map((f) => f.counts.new)).toEqual([8_000, 100]);
    expect(all<{ n: number }>(db, sql`SELECT count(*) AS n FROM usage_facts WHERE day >= '2025-10-01'`)[0]!.n).toBe(8_090);
    const [kept, rebuilt] = keptAndRebuilt(db);
    expect(kept).toBe(rebuilt);
  });
});
