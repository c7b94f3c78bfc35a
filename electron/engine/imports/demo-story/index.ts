/**
 * The generated demo: its export files (written to a temporary folder and imported through the real
 * pipeline), and what a team would have set up beside them: display names, DeepSeek's dated prices in the
 * ledger's price book (its mid-quarter rise and its discount window) and two budgets. Every one of these
 * carries the demo's mark, so "Remove demo data" takes them out again.
 */
import type { BudgetDefinition } from '../../../../shared/domain/budgets/budget';
import type { EngineContext } from '../../context';
import { computeBudgetStatus } from '../../budgets/status';
import { deleteBudget, insertBudget, listBudgets } from '../../budgets/store';
import type { WritableDb } from '../../ledger/db';
import { setName } from '../../names/service';
import { deleteName } from '../../names/store';
import { deleteOverride, insertOverride, listOverrides } from '../../pricing/store';
import { claudeCodeFiles, codexFiles } from './agents';
import { awsCurFile, deepseekFiles, openAiFiles, openRouterFile, type DemoFile } from './providers';
import { DEEPSEEK_PRICES, isoDay, KEYS, PEOPLE, PROJECTS, seeded, storyCalendar } from './story';

export type { DemoFile };
export const DEMO_SEED = 20_251_017;
/** The mark of what the demo adds besides its import batches. */
export const DEMO_NOTE = 'Demo data: part of the generated demo; "Remove demo data" takes it out.';

/** Every export file of the demo for the engine's clock, in a fixed order. */
export function demoFiles(now: number): DemoFile[] {
  const cal = storyCalendar(now);
  const rand = seeded(DEMO_SEED);
  return [...openAiFiles(cal, rand), ...deepseekFiles(cal, rand), openRouterFile(cal, rand), awsCurFile(cal, rand), ...claudeCodeFiles(cal, rand), ...codexFiles(cal, rand)];
}

const half = (p: Record<string, string>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(Number(v) / 2)]));

/**
 * DeepSeek's CNY list prices over the demo, as dated overrides: the price before the rise from the demo's
 * first day, the dearer one from the rise on, both with a half-price window. Added before the import so
 * the facts are priced with them.
 */
export function addDemoPrices(db: WritableDb, now: number): void {
  const cal = storyCalendar(now);
  const rise = isoDay(cal.priceRise);
  for (const [from, to, prices] of [
    [isoDay(cal.start), rise, DEEPSEEK_PRICES.before],
    [rise, undefined, DEEPSEEK_PRICES.after],
  ] as const) {
    insertOverride(
      db,
      {
        model: 'deepseek-chat',
        route: 'direct',
        currency: 'CNY',
        effectiveFrom: from,
        effectiveTo: to,
        prices,
        tiers: { offPeak: [{ ...DEEPSEEK_PRICES.offPeak, prices: half(prices) }] },
        note: DEMO_NOTE,
      },
      now,
    );
  }
}

/** The ids the demo names: every person, project (as each source spells it) and key. */
function demoNames(): { dimension: 'project' | 'api_key' | 'member'; value: string; name: string }[] {
  return [
    ...PEOPLE.map((p) => ({ dimension: 'member' as const, value: p.id, name: p.name })),
    ...KEYS.map((k) => ({ dimension: 'api_key' as const, value: k.id, name: k.name })),
    ...[PROJECTS.checkout.folder, ...[PROJECTS.checkout, PROJECTS.pipeline].flatMap((p) => [p.openai, p.cwd])].map((value) => ({
      dimension: 'project' as const,
      value,
      name: value.includes('checkout') ? PROJECTS.checkout.name : PROJECTS.pipeline.name,
    })),
    { dimension: 'project', value: PROJECTS.support.openai, name: PROJECTS.support.name },
  ];
}

/** A round amount: `x` rounded up to two significant digits. */
export function roundUp(x: number): number {
  if (x <= 0) return 10;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / step) * step;
}

function budget(name: string, scope: Partial<BudgetDefinition['scope']>, value: number, notes: string): BudgetDefinition {
  return {
    name,
    scope: { providers: [], vendors: [], regions: [], models: [], projects: [], apiKeys: [], members: [], machines: [], tags: [], ...scope },
    period: { kind: 'month', timeZone: 'UTC', weekStart: 'monday' },
    amount: { unit: 'money', value: String(value), currency: 'USD' },
    thresholds: [50, 80, 100],
    rollover: false,
    notes: `${notes} ${DEMO_NOTE}`,
    webhookUrl: null,
  };
}

/** The month-end forecast of a budget over `scope` in USD, as the budgets compute it. */
function forecastOf(ctx: EngineContext, scope: Partial<BudgetDefinition['scope']>): { spent: number; expected: number } {
  const s = computeBudgetStatus(ctx.db, budget('probe', scope, 1, ''), { id: null, createdAt: ctx.now(), now: ctx.now() }).status;
  return { spent: Number(s.spent), expected: s.forecast.status === 'insufficient' ? Number(s.spent) : Number(s.forecast.expected) };
}

/**
 * After the import: names for the ids, and two budgets set where a team would have set them last month:
 * the coding agents' holds with room to spare; China vendors', set before the move, is forecast to break.
 */
export function addDemoSetup(ctx: EngineContext): void {
  for (const n of demoNames()) setName(ctx, n);
  const agents = { providers: ['claude-code', 'codex-log'] };
  const a = forecastOf(ctx, agents);
  insertBudget(ctx.db, budget('Coding agents', agents, roundUp(a.expected * 1.25), 'Claude Code and Codex across the team.'), ctx.now());
  const china = { regions: ['CN' as const] };
  const c = forecastOf(ctx, china);
  // Between what is spent so far and the forecast: it holds today and breaks before the month ends.
  const limit = roundUp(c.spent + (c.expected - c.spent) * 0.6);
  insertBudget(ctx.db, budget('China vendors', china, limit, 'DeepSeek and GLM, set before the support bot moved.'), ctx.now());
}

/** Take out what addDemoPrices and addDemoSetup added (the import batches are undone by the caller). */
export function removeDemoSetup(db: WritableDb): { prices: boolean } {
  for (const n of demoNames()) deleteName(db, n.dimension, n.value);
  for (const b of listBudgets(db)) if (b.definition.notes.endsWith(DEMO_NOTE)) deleteBudget(db, b.id);
  let prices = false;
  for (const o of listOverrides(db)) {
    if (o.note !== DEMO_NOTE) continue;
    deleteOverride(db, o.id);
    prices = true;
  }
  return { prices };
}
