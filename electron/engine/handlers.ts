/**
 * Every contract method's handler, gathered from each feature's handlers.ts, loaded by noun (the part of a
 * method's name before the dot) on the first call of one of its methods: a CLI command that reads a report
 * never loads the importers, the price book or the budgets' forecaster. The type of NOUNS makes a noun
 * without a loader, or a loader missing one of its noun's methods, a compile error. Handlers receive input
 * already validated by dispatch(); what follows a change of the ledger is declared on the handler itself
 * (`mutates`, hooks.ts).
 */
import type { ApiHandlers } from '../../shared/contract/client';
import type { MethodName } from '../../shared/contract/methods';
import type { EngineContext } from './context';

type Handlers = ApiHandlers<EngineContext>;
type NounOf<M> = M extends `${infer N}.${string}` ? N : never;
type Noun = NounOf<MethodName>;
type NounHandlers<N extends Noun> = Pick<Handlers, Extract<MethodName, `${N}.${string}`>>;
export type Handler = (input: unknown, ctx: EngineContext) => unknown;

const app = () => import('./app/handlers').then((m) => m.appHandlers);
const imports = () => import('./imports/handlers').then((m) => m.importHandlers);
const budgets = () => import('./budgets/handlers').then((m) => m.budgetHandlers);
const pricing = () => import('./pricing/handlers').then((m) => m.pricingHandlers);
const team = () => import('./team/handlers').then((m) => m.teamHandlers);

const NOUNS: { [N in Noun]: () => Promise<NounHandlers<N>> } = {
  app,
  settings: app,
  ledger: app,
  imports,
  demo: imports,
  agents: async () => {
    const [a, v] = await Promise.all([import('./imports/agent-handlers'), import('./reports/agent-view-handlers')]);
    return { ...a.agentHandlers, ...v.agentViewHandlers };
  },
  mappings: () => import('./imports/mappings/handlers').then((m) => m.mappingHandlers),
  report: () => import('./reports/handlers').then((m) => m.reportHandlers),
  reconcile: () => import('./reports/reconcile-handlers').then((m) => m.reconcileHandlers),
  prices: pricing,
  fx: pricing,
  vendors: pricing,
  budgets,
  alerts: budgets,
  tips: () => import('./tips/handlers').then((m) => m.tipsHandlers),
  names: () => import('./names/handlers').then((m) => m.namesHandlers),
  team,
  bundle: team,
  plans: () => import('./plans/handlers').then((m) => m.plansHandlers),
  export: () => import('./export/handlers').then((m) => m.exportHandlers),
  review: () => import('./review/handlers').then((m) => m.reviewHandlers),
  close: () => import('./closing/handlers').then((m) => m.closeHandlers),
};

/** The handler of a method the contract names (dispatch checked the name). */
export async function handlerFor(method: MethodName): Promise<Handler> {
  const noun = method.slice(0, method.indexOf('.')) as Noun;
  const handlers = (await NOUNS[noun]()) as Record<string, Handler>;
  return handlers[method]!;
}

/** Every handler, by method (for tests that check each one). */
export async function allHandlers(methods: readonly MethodName[]): Promise<Record<MethodName, Handler>> {
  return Object.fromEntries(await Promise.all(methods.map(async (m) => [m, await handlerFor(m)]))) as Record<MethodName, Handler>;
}
