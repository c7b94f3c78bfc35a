/**
 * A method's spec (its input schema), loaded with its noun's file at the first call of one of its methods:
 * dispatch() builds the zod schemas of the nouns a host calls, not the whole contract's (methods.ts imports
 * every noun, for the types and for the hosts that list the methods). The type of LOADERS makes a noun
 * without a loader, or a loader missing one of its noun's methods, a compile error.
 */
import type { Api, MethodName } from './methods';

type NounOf<M> = M extends `${infer N}.${string}` ? N : never;
type Noun = NounOf<MethodName>;
type NounSpecs<N extends Noun> = Pick<Api, Extract<MethodName, `${N}.${string}`>>;
export type AnyMethodSpec = Api[MethodName];

const team = () => import('./api/team').then((m) => m.teamApi);

const LOADERS: { [N in Noun]: () => Promise<NounSpecs<N>> } = {
  app: () => import('./api/app').then((m) => m.appApi),
  settings: () => import('./api/settings').then((m) => m.settingsApi),
  demo: () => import('./api/demo').then((m) => m.demoApi),
  imports: () => import('./api/imports').then((m) => m.importsApi),
  agents: () => import('./api/agents').then((m) => m.agentsApi),
  mappings: () => import('./api/mappings').then((m) => m.mappingsApi),
  report: () => import('./api/report').then((m) => m.reportApi),
  ledger: () => import('./api/ledger').then((m) => m.ledgerApi),
  prices: () => import('./api/prices').then((m) => m.pricesApi),
  fx: () => import('./api/fx').then((m) => m.fxApi),
  vendors: () => import('./api/vendors').then((m) => m.vendorsApi),
  reconcile: () => import('./api/reconcile').then((m) => m.reconcileApi),
  budgets: () => import('./api/budgets').then((m) => m.budgetsApi),
  alerts: () => import('./api/alerts').then((m) => m.alertsApi),
  tips: () => import('./api/tips').then((m) => m.tipsApi),
  names: () => import('./api/names').then((m) => m.namesApi),
  team,
  bundle: team,
  plans: () => import('./api/plans').then((m) => m.plansApi),
  export: () => import('./api/export').then((m) => m.exportApi),
  review: () => import('./api/review').then((m) => m.reviewApi),
  close: () => import('./api/close').then((m) => m.closeApi),
};

/** The spec of a method the contract names; undefined for any other name. */
export async function methodSpec(method: string): Promise<AnyMethodSpec | undefined> {
  const noun = method.slice(0, method.indexOf('.'));
  if (!noun || !Object.hasOwn(LOADERS, noun)) return undefined;
  const specs = (await LOADERS[noun as Noun]()) as Record<string, AnyMethodSpec>;
  return Object.hasOwn(specs, method) ? specs[method] : undefined;
}
