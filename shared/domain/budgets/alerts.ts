/**
 * The alert state machine, per budget x period x threshold.
 *
 * Each threshold has two one-shot alerts per period: 'projected' (the forecast says spend will cross it
 * before the period ends) and 'crossed' (spend has crossed it). A threshold moves
 *   armed --forecast crosses--> projected --spend crosses--> crossed
 *   armed --spend crosses------------------------------> crossed
 * and never back within a period: an alert that fired is never fired again for the same
 * (budget, period, threshold, kind), whatever edits, undos or re-evaluations follow. A new period
 * starts armed. Projected alerts are only raised for thresholds of 100 % and more: a forecast that the
 * month will reach 50 % or 80 % of its budget is the normal course of a month, not news.
 */

export type AlertKind = 'projected' | 'crossed';

export interface AlertKey {
  threshold: number;
  kind: AlertKind;
}

export interface AlertInputs {
  thresholds: readonly number[];
  /** Spent as a percentage of the budget (may exceed 100). */
  sharePercent: number;
  /** Period-end forecast as a percentage of the budget, or null when there is no forecast. */
  forecastPercent: number | null;
  /** Alerts that already fired for this budget and period. */
  fired: readonly AlertKey[];
}

/** The lowest threshold a projected alert is raised for. */
export const PROJECTED_FROM_PERCENT = 100;

/** Alerts to fire now, lowest threshold first. */
export function alertsToFire(input: AlertInputs): AlertKey[] {
  const has = (threshold: number, kind: AlertKind) => input.fired.some((f) => f.threshold === threshold && f.kind === kind);
  const out: AlertKey[] = [];
  for (const t of [...new Set(input.thresholds)].sort((a, b) => a - b)) {
    if (input.sharePercent >= t) {
      if (!has(t, 'crossed')) out.push({ threshold: t, kind: 'crossed' });
    } else if (
      t >= PROJECTED_FROM_PERCENT &&
      input.forecastPercent !== null &&
      input.forecastPercent >= t &&
      !has(t, 'projected') &&
      !has(t, 'crossed')
    ) {
      out.push({ threshold: t, kind: 'projected' });
    }
  }
  return out;
}

/** Overall state of a budget for `budgets check`: over (a threshold >= 100 % crossed), projected, or ok. */
export type CheckState = 'ok' | 'projected' | 'over';

export function checkState(sharePercent: number, forecastPercent: number | null): CheckState {
  if (sharePercent >= 100) return 'over';
  if (forecastPercent !== null && forecastPercent >= 100) return 'projected';
  return 'ok';
}

/** Exit code of `tokenledger budgets check` (EXIT_CODES reserves 1 and 2 for it). */
export function checkExitCode(states: readonly CheckState[]): 0 | 1 | 2 {
  if (states.includes('over')) return 1;
  if (states.includes('projected')) return 2;
  return 0;
}
