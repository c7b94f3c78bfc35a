/**
 * Which component draws each screen. Adding a screen's real implementation = replacing its line.
 */
import type { ComponentType } from 'react';
import type { Screen } from '../store';
import { OverviewScreen } from './overview';
import { SettingsScreen } from './settings';
import { PlaceholderScreen } from './placeholder';

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

const placeholder = (screen: Screen) => {
  const C = () => <PlaceholderScreen title={SCREEN_LABELS[screen]} />;
  C.displayName = `Placeholder(${screen})`;
  return C;
};

export const SCREEN_COMPONENTS: Record<Screen, ComponentType> = {
  overview: OverviewScreen,
  explore: placeholder('explore'),
  reconcile: placeholder('reconcile'),
  imports: placeholder('imports'),
  budgets: placeholder('budgets'),
  tips: placeholder('tips'),
  prices: placeholder('prices'),
  settings: SettingsScreen,
};
