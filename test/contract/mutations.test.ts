/**
 * What a method may do to the ledger, as declared where its handler is registered: a read-only method
 * leaves every row as it was (the nav badge's read no longer evaluates budgets); a method that changes
 * the ledger (`mutates`) tells the host once, and runs the ledger-change hooks once, only for changes
 * that move what budgets spend.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type MethodInput, type MethodName } from '../../shared/contract/methods';
import { allHandlers } from '../../electron/engine/handlers';
import { isWriter, LEDGER_CHANGE_HOOKS } from '../../electron/engine/hooks';
import type { WritableDb } from '../../electron/engine/ledger/db';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const CSV = join(EXPORTS, 'openrouter-activity.csv');
/** One export of each vendor (and the cost files that bill them): a small ledger every table of which is dumped per read. */
const SAMPLES = [
  'anthropic-cost-report.json',
  'anthropic-usage-report.json',
  'aws-cur-bedrock.csv',
  'azure-cost-export.csv',
  'claude-code-session.jsonl',
  'deepseek-usage-amount-2025-9.csv',
  'gcp-billing-vertex.csv',
  'openai-costs.json',
  'openai-usage-completions.json',
  'openrouter-activity.csv',
  'zhipu-bill-detail.csv',
].map((f) => join(EXPORTS, f));

/** Every row of every table, by table, in the order of all its columns. */
function dump(db: WritableDb): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).join(', ');
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${cols(t)}`).all()]));
}

const budget = {
  name: 'Team',
  // The whole year the samples fall in, so their spend crosses both thresholds.
  period: { kind: 'custom' as const, timeZone: 'Europe/Berlin', weekStart: 'monday' as const, from: '2025-01-01', to: '2025-12-31' },
  amount: { unit: 'money' as const, value: '1', currency: 'USD' },
  scope: {},
  thresholds: [50, 100],
};

/** A valid call of each read-only method, against a ledger with one export of each vendor, a budget and its alerts. */
const READS: { [M in MethodName]?: MethodInput<M> | ((ids: { budgetId: number }) => MethodInput<M>) } = {
  'app.info': {},
  'settings.get': {},
  'imports.preview': { paths: [CSV] },
  'imports.cancel': { importId: 'nothing-running' },
  'imports.list': {},
  'imports.formats': {},
  'agents.find': {},
  'agents.watchStatus': {},
  'mappings.suggest': { path: CSV },
  'mappings.list': {},
  'report.totals': {},
  'report.overview': { timeZone: 'Asia/Shanghai' },
  'report.overviewRest': { timeZone: 'Asia/Shanghai' },
  'report.explore': { groupBy: ['model'], bucket: 'day', timeZone: 'America/Los_Angeles' },
  'report.facts': { limit: 5 },
  'ledger.reveal': {},
  'prices.list': { inLedger: true },
  'prices.show': { model: 'gpt-4o' },
  'prices.sources': {},
  'fx.list': {},
  'vendors.list': {},
  'reconcile.report': {},
  'budgets.list': {},
  'close.list': {},
  'budgets.get': ({ budgetId }) => ({ id: budgetId }),
  'budgets.preview': { budget },
  'budgets.export': {},
  'alerts.list': { limit: 1 },
  'tips.list': {},
  'tips.kpis': {},
  'demo.status': {},
  'names.list': {},
  'names.values': { dimension: 'project', search: 'a' },
  'team.settings': {},
  'bundle.list': {},
  'team.machines': {},
  'plans.list': {},
  'agents.sessions': {},
  'agents.blocks': {},
  'agents.statusline': { sessionId: 's' },
  'review.pack': { month: '2025-09' },
};

describe('read-only methods', () => {
  it('are every method not declared `mutates` or `writes`, each with a call below', async () => {
    const handlers = await allHandlers(METHOD_NAMES);
    const readOnly = METHOD_NAMES.filter((m) => !isWriter(handlers[m]));
    // Besides the calls above: mappings.preview (needs a profile), ledger.backup and export.focus (write a new file, not the ledger).
    expect(readOnly.sort()).toEqual([...Object.keys(READS), 'mappings.preview', 'ledger.backup', 'export.focus'].sort());
  });

  it('leave every row of the ledger as it was', async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: SAMPLES });
    const created = await client.call('budgets.create', { budget });
    expect((await client.call('alerts.list', {})).active).toBeGreaterThan(0);
    await client.call('settings.update', { timeZone: 'Asia/Tokyo' });
    // A day of the budget's cache goes stale, as after an import by another process: reading it must not store it again.
    engine.ctx.db.prepare('UPDATE ledger_days SET version = version + 1').run();
    const before = dump(engine.ctx.db);
    for (const [method, input] of Object.entries(READS) as [MethodName, unknown][]) {
      const r = await engine.dispatch(method, typeof input === 'function' ? input({ budgetId: created.id }) : input);
      expect(r.ok, `${method}: ${r.ok ? '' : r.error.message}`).toBe(true);
      expect(dump(engine.ctx.db), method).toEqual(before);
    }
    expect((await engine.dispatch('ledger.backup', { path: join(tempDir(), 'copy.sqlite') })).ok).toBe(true);
    expect((await engine.dispatch('export.focus', { path: join(tempDir(), 'focus.csv'), format: 'csv' })).ok).toBe(true);
    expect(dump(engine.ctx.db)).toEqual(before);
  });

  it('the unread alerts are read without evaluating a budget (alerts.list, for the nav badge)', async () => {
    const { engine, client, events } = testEngine();
    await client.call('demo.load', {});
    // The demo's own budgets have fired theirs; the year's budget adds its 50 % and 100 % alerts.
    const demoAlerts = (await client.call('alerts.list', { limit: 1 })).active;
    await client.call('budgets.create', { budget });
    expect((await client.call('alerts.list', { limit: 1 })).active).toBe(demoAlerts + 2);
    // Forget the alerts the save fired: an evaluation would fire them again, a read must not.
    engine.ctx.db.prepare('DELETE FROM budget_alerts').run();
    events.length = 0;
    expect(await client.call('alerts.list', { limit: 1 })).toEqual({ alerts: [], active: 0 });
    expect(events).toEqual([]);
  });
});

describe('methods that change the ledger', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Ledger-change events and budget-hook runs of one call. */
  async function effects(t: ReturnType<typeof testEngine>, call: () => Promise<unknown>) {
    const hook = LEDGER_CHANGE_HOOKS.find((h) => h.name === 'budget alerts')!;
    const run = vi.spyOn(hook, 'run');
    t.events.length = 0;
    await call();
    const changed = t.events.filter((e) => e.event === 'ledger.changed').map((e) => (e.payload as { reason: string }).reason);
    const hookRuns = run.mock.calls.length;
    run.mockRestore();
    return { changed, hookRuns };
  }

  it('tell the host once per change, and evaluate budgets once, only when what budgets spend changed', async () => {
    const t = testEngine();
    const { client } = t;
    expect(await effects(t, () => client.call('demo.load', {}))).toEqual({ changed: ['demo'], hookRuns: 1 });
    expect(await effects(t, () => client.call('imports.commit', { paths: [join(EXPORTS, 'deepseek-usage-cost-2025-9.csv')] }))).toEqual({ changed: ['import'], hookRuns: 1 });
    expect(await effects(t, () => client.call('imports.undo', { batchId: 1 }))).toEqual({ changed: ['undo'], hookRuns: 1 });
    expect(await effects(t, () => client.call('demo.remove', {}))).toEqual({ changed: ['demo'], hookRuns: 1 });
    await client.call('demo.load', {});
    // A display name decides which ids one project is (ids named alike are one), so what a project's budget spends.
    const project = (await client.call('names.values', { dimension: 'project', limit: 1 }))[0]!.value;
    expect(await effects(t, () => client.call('names.set', { dimension: 'project', value: project, name: 'Named' }))).toEqual({ changed: ['names'], hookRuns: 1 });
    expect(await effects(t, () => client.call('fx.set', { currency: 'CNY', date: '2025-09-01', perUsd: '7.1' }))).toEqual({ changed: ['fx'], hookRuns: 1 });
    expect(await effects(t, () => client.call('vendors.setRegion', { vendor: 'deepseek', region: 'other' }))).toEqual({ changed: ['vendors'], hookRuns: 1 });
    const price = { model: 'gpt-4o', currency: 'USD', effectiveFrom: '2025-01-01', prices: { input: '1', output: '2' } };
    expect(await effects(t, () => client.call('prices.set', { ...price, dryRun: true }))).toEqual({ changed: [], hookRuns: 0 });
    expect(await effects(t, () => client.call('prices.set', price))).toEqual({ changed: ['prices'], hookRuns: 1 });
    // Changes that move no budget's spend: the host hears of them, no budget is evaluated.
    expect(await effects(t, () => client.call('settings.update', { displayCurrency: 'EUR' }))).toEqual({ changed: ['settings'], hookRuns: 0 });
    expect(await effects(t, () => client.call('tips.dismiss', { period: '2025-09', tipId: 'caching:x' }))).toEqual({ changed: ['settings'], hookRuns: 0 });
    // A saved budget is evaluated by its own handler, once.
    expect(await effects(t, () => client.call('budgets.create', { budget }))).toEqual({ changed: ['budgets'], hookRuns: 0 });
    // A failed change tells nobody.
    expect(await effects(t, () => client.call('imports.undo', { batchId: 999 }).catch((e: unknown) => e))).toEqual({ changed: [], hookRuns: 0 });
  });
});
