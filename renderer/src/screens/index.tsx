/**
 * Which component draws each screen. Adding a screen's real implementation = replacing its line.
 */
import type { ComponentType } from 'react';
import type { Screen } from '../store';
import { OverviewScreen } from './overview';
import { SettingsScreen } from './settings';
import { TipsScreen } from './tips';
import { ImportsScreen } from './imports';
import { PricesScreen } from './prices';
import { ReconcileScreen } from './reconcile';
import { BudgetsScreen } from './budgets';
import { ExploreScreen } from './explore';

export const SCREEN_LABELS: Record<Screen, string> = {
  overview: 'Overview',
  explore: 'Explore',
  reconcile: 'Reconcile',
  imports: 'Imports',
  budgets: 'Budgets',
  tips: 'Tips',
  prices: 'Prices',
  settings: 'Settings',
};

export const SCREEN_COMPONENTS: Record<Screen, ComponentType> = {
  overview: OverviewScreen,
  explore: ExploreScreen,
  reconcile: ReconcileScreen,
  imports: ImportsScreen,
  budgets: BudgetsScreen,
  tips: TipsScreen,
  prices: PricesScreen,
  settings: SettingsScreen,
};
