/**
 * Settings > Plans: for each tool whose usage no bill states (Claude Code, Codex, Cursor...), whether it
 * is included in a subscription (its usage is notional: its value at list price is shown apart, never as
 * spend, in budgets or tips) or pay-as-you-go, and each account its rows name likewise (plan-accounts.tsx).
 * Cursor's rows say their own kind and keep it.
 */
import { Fragment, useEffect, useState } from 'react';
import type { UsagePlan, UsagePlans } from '../../../../shared/contract/api/plans';
import { useApp } from '../../client/store';
import { useT } from '../../ui/i18n';
import { PlanAccounts } from './plan-accounts';

export function UsagePlansSection() {
  const { client } = useApp();
  const [plans, setPlans] = useState<UsagePlans | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
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
      <h2 id="plans-title">{t('settings.plans.title')}</h2>
      <p className="muted">
        {t('settings.plans.intro')}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {plans === null ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : plans.tools.length === 0 ? (
        <p className="muted">{t('settings.plans.none')}</p>
      ) : (
        <form className="settings" data-testid="usage-plans" onSubmit={(e) => e.preventDefault()}>
          {plans.tools.map((p) => (
            <Fragment key={p.tool}>
              <label>
                {p.tool} <span className="muted">{t('settings.plans.rows', { count: p.facts })}</span>
                <select value={p.plan ?? ''} aria-label={t('settings.plans.howPaid', { tool: p.tool })} onChange={(e) => void choose(p.tool, (e.target.value || null) as UsagePlan | null)}>
                  <option value="">{t('settings.plans.paygDefault')}</option>
                  <option value="payg">{t('settings.plans.payg')}</option>
                  <option value="included">{t('settings.plans.included')}</option>
                </select>
              </label>
              <PlanAccounts tool={p} onChoose={(account, plan) => void choose(p.tool, plan, account)} />
            </Fragment>
          ))}
        </form>
      )}
    </section>
  );
}
