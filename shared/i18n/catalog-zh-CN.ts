/** The Simplified Chinese catalog, merged from its area files: the same ids as English. */
import type { MessageId } from './catalog-en';
import zhAgents from './zh-CN/agents.json';
import zhApp from './zh-CN/app.json';
import zhBudgets from './zh-CN/budgets.json';
import zhEngine from './zh-CN/engine.json';
import zhExplore from './zh-CN/explore.json';
import zhImports from './zh-CN/imports.json';
import zhOverview from './zh-CN/overview.json';
import zhPrices from './zh-CN/prices.json';
import zhReconcile from './zh-CN/reconcile.json';
import zhReview from './zh-CN/review.json';
import zhSettings from './zh-CN/settings.json';
import zhTips from './zh-CN/tips.json';

export const ZH = { ...zhApp, ...zhOverview, ...zhExplore, ...zhImports, ...zhBudgets, ...zhPrices, ...zhReconcile, ...zhSettings, ...zhTips, ...zhAgents, ...zhEngine, ...zhReview } satisfies Record<MessageId, string>;
