/**
 * Settings > Plans, one tool's accounts: each account its rows name may be paid its own way (a work
 * account on pay-as-you-go beside a personal one included in a subscription); an account's setting wins
 * over its tool's, and "As the tool" removes it.
 */
import type { PlanTool, UsagePlan } from '../../../../shared/contract/api/plans';
import { useT } from '../../ui/i18n';

export function PlanAccounts({ tool, onChoose }: { tool: PlanTool; onChoose: (account: string, plan: UsagePlan | null) => void }) {
  const t = useT();
  if (tool.accounts.length === 0) return null;
  return (
    <fieldset className="plan-accounts" data-testid={`plan-accounts-${tool.tool}`}>
      <legend>{t('settings.plans.byAccount', { tool: tool.tool })}</legend>
      {tool.accounts.map((a) => (
        <label key={a.account}>
          {a.account} <span className="muted">{t('settings.plans.rows', { count: a.facts })}</span>
          <select value={a.plan ?? ''} aria-label={t('settings.plans.howPaidAccount', { tool: tool.tool, account: a.account })} onChange={(e) => onChoose(a.account, (e.target.value || null) as UsagePlan | null)}>
            <option value="">{t('settings.plans.asTool')}</option>
            <option value="payg">{t('settings.plans.payg')}</option>
            <option value="included">{t('settings.plans.included')}</option>
          </select>
        </label>
      ))}
    </fieldset>
  );
}
