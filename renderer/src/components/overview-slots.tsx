/**
 * SLOT for other screens' cards on the Overview (budget status from the budgets issue, tips from the tips
 * issue): add ONE line each to OVERVIEW_CARDS. Each card renders its own <article className="card">.
 */
import type { ComponentType } from 'react';
import { BudgetCards } from './budget-widgets';
import { TopTips } from './top-tips';

export const OVERVIEW_CARDS: ComponentType[] = [
  BudgetCards,
  TopTips,
];
