/** Which component draws each screen, and the Overview's cards that other features contribute. */
import type { ComponentType } from 'react';
import type { Screen } from '../client/route';
import type { MessageId } from '../../../shared/i18n';
// The order of these imports is the order of the features' stylesheets in the bundle.
import { BudgetCards } from '../features/budgets/budget-cards';
import { DemoDataCard } from '../features/imports/demo-data';
import { TopTips } from '../features/tips/top-tips';
import { OverviewScreen } from '../features/overview/overview-screen';
import { SettingsScreen } from '../features/settings/settings-screen';
import { TipsScreen } from '../features/tips/tips-screen';
import { ImportsScreen } from '../features/imports/imports-screen';
import { PricesScreen } from '../features/prices/prices-screen';
import { ReconcileScreen } from '../features/reconcile/reconcile-screen';
import { BudgetsScreen } from '../features/budgets/budgets-screen';
import { ExploreScreen } from '../features/explore/explore-screen';
import { AgentsScreen } from '../features/agents/agents-screen';

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
const OVERVIEW_CARDS: ComponentType[] = [DemoDataCard, BudgetCards, TopTips];

function Overview() {
  return <OverviewScreen cards={OVERVIEW_CARDS} />;
}

export const SCREEN_COMPONENTS: Record<Screen, ComponentType> = {
  overview: Overview,
  explore: ExploreScreen,
  agents: AgentsScreen,
  reconcile: ReconcileScreen,
  imports: ImportsScreen,
  budgets: BudgetsScreen,
  tips: TipsScreen,
  prices: PricesScreen,
  settings: SettingsScreen,
};
