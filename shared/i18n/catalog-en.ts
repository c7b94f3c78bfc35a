/** The English catalog (the reference: every locale has its ids), merged from its area files. */
import enAgents from './en/agents.json';
import enApp from './en/app.json';
import enBudgets from './en/budgets.json';
import enEngine from './en/engine.json';
import enExplore from './en/explore.json';
import enImports from './en/imports.json';
import enOverview from './en/overview.json';
import enPrices from './en/prices.json';
import enReconcile from './en/reconcile.json';
import enReview from './en/review.json';
import enSettings from './en/settings.json';
import enTips from './en/tips.json';

export const EN = { ...enApp, ...enOverview, ...enExplore, ...enImports, ...enBudgets, ...enPrices, ...enReconcile, ...enSettings, ...enTips, ...enAgents, ...enEngine, ...enReview };

/** Every message id of the window (English is the reference catalog). */
export type MessageId = keyof typeof EN;
