/** Which component draws each screen, and the Overview's cards that other features contribute. */
import { lazy, type ComponentType } from 'react';
import type { Screen } from '../client/route';
import type { MessageId } from '../../../shared/i18n';
// The order of these imports is the order of the features' stylesheets in the bundle.
import { BudgetCards } from '../features/budgets/budget-cards';
import { DemoDataCard } from '../features/imports/demo-data';
import { TopTips } from '../features/tips/top-tips';
import { OverviewScreen, type OverviewCardProps } from '../features/overview/overview-screen';
// The other screens' code loads when one is first shown (the Overview paints without it); their
// stylesheets stay in the first bundle, in this order, so the cascade does not depend on which loaded first.
import '../ui/virtual-table.css';
import '../features/imports/mapping/import-mapping.css';
import '../features/imports/import-screen.css';
import '../features/prices/fx-vendors.css';
import '../ui/prices-reconcile.css';
import '../features/agents/agents.css';

/** The code of each screen but the Overview, fetched the first time it is shown. */
const SCREEN_CODE = {
  explore: () => import('../features/explore/explore-screen').then((m) => ({ default: m.ExploreScreen })),
  agents: () => import('../features/agents/agents-screen').then((m) => ({ default: m.AgentsScreen })),
  reconcile: () => import('../features/reconcile/reconcile-screen').then((m) => ({ default: m.ReconcileScreen })),
  imports: () => import('../features/imports/imports-screen').then((m) => ({ default: m.ImportsScreen })),
  budgets: () => import('../features/budgets/budgets-screen').then((m) => ({ default: m.BudgetsScreen })),
  tips: () => import('../features/tips/tips-screen').then((m) => ({ default: m.TipsScreen })),
  prices: () => import('../features/prices/prices-screen').then((m) => ({ default: m.PricesScreen })),
  settings: () => import('../features/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })),
} satisfies Record<Exclude<Screen, 'overview'>, () => Promise<{ default: ComponentType }>>;

/** Every screen's code now (the jsdom tests load it before they start, as they load the engine's handlers). */
export function loadScreens(): Promise<unknown> {
  return Promise.all(Object.values(SCREEN_CODE).map((load) => load()));
}

export const SCREEN_LABELS: Record<Screen, MessageId> = {
  overview: 'app.screen.overview',
  explore: 'app.screen.explore',
  agents: 'app.screen.agents',
  reconcile: 'app.screen.reconcile',
  imports: 'app.screen.imports',
  budgets: 'app.screen.budgets',
  tips: 'app.screen.tips',
  prices: 'app.screen.prices',
  settings: 'app.screen.settings',
};

/** Cards of other features on the Overview, in this order; each renders its own <article className="card">. */
const OVERVIEW_CARDS: ComponentType<OverviewCardProps>[] = [DemoDataCard, BudgetCards, TopTips];

function Overview() {
  return <OverviewScreen cards={OVERVIEW_CARDS} />;
}

export const SCREEN_COMPONENTS: Record<Screen, ComponentType> = {
  overview: Overview,
  explore: lazy(SCREEN_CODE.explore),
  agents: lazy(SCREEN_CODE.agents),
  reconcile: lazy(SCREEN_CODE.reconcile),
  imports: lazy(SCREEN_CODE.imports),
  budgets: lazy(SCREEN_CODE.budgets),
  tips: lazy(SCREEN_CODE.tips),
  prices: lazy(SCREEN_CODE.prices),
  settings: lazy(SCREEN_CODE.settings),
};
