/**
 * Settings > Plans: for each tool whose usage no bill states (Claude Code, Codex, Cursor...), whether it
 * is included in a subscription (its usage is notional: its value at list price is shown apart, never as
 * spend, in budgets or tips) or pay-as-you-go, and each account its rows name likewise (plan-accounts.tsx).
 * Cursor's rows say their own kind and keep it.
 */
import { Fragment, useEffect, useState } from 'react';
import type { UsagePlan, UsagePlans } from '../../../../shared/contract/api/plans';
import { useApp } from '../../client/store';
import { formatInteger } from '../../ui/format';
import { PlanAccounts } from './plan-accounts';

export function UsagePlansSection() {
  const { client } = useApp();
  const [plans, setPlans] = useState<UsagePlans | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    client.call('plans.list', {}).then(
      (p) => live && setPlans(p),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [client]);

  async function choose(tool: string, plan: UsagePlan | null, account?: string) {
    if (!client) return;
    setError(null);
    try {
      setPlans(await client.call('plans.set', { tool, plan, ...(account === undefined ? {} : { account }) }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title">Plans</h2>
      <p className="muted">
        Usage included in a subscription is shown as its value at list price, never as spend (not in budgets or tips). Cursor’s exports say which rows
        are included.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {plans === null ? (
        <p aria-busy="true">Loading…</p>
      ) : plans.tools.length === 0 ? (
        <p className="muted">No tool in the ledger yet whose usage no bill states.</p>
      ) : (
        <form className="settings" data-testid="usage-plans" onSubmit={(e) => e.preventDefault()}>
          {plans.tools.map((t) => (
            <Fragment key={t.tool}>
              <label>
                {t.tool} <span className="muted">({formatInteger(t.facts)} rows)</span>
                <select value={t.plan ?? ''} aria-label={`How ${t.tool} is paid`} onChange={(e) => void choose(t.tool, (e.target.value || null) as UsagePlan | null)}>
                  <option value="">Pay-as-you-go (default)</option>
                  <option value="payg">Pay-as-you-go</option>
                  <option value="included">Included in my plan</option>
                </select>
              </label>
              <PlanAccounts tool={t} onChoose={(account, plan) => void choose(t.tool, plan, account)} />
            </Fragment>
          ))}
        </form>
      )}
    </section>
  );
}
