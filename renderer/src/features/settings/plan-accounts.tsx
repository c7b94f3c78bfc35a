/**
 * Settings > Plans, one tool's accounts: each account its rows name may be paid its own way (a work
 * account on pay-as-you-go beside a personal one included in a subscription); an account's setting wins
 * over its tool's, and "As the tool" removes it.
 */
import type { PlanTool, UsagePlan } from '../../../../shared/contract/api/plans';
import { formatInteger } from '../../ui/format';

export function PlanAccounts({ tool, onChoose }: { tool: PlanTool; onChoose: (account: string, plan: UsagePlan | null) => void }) {
  if (tool.accounts.length === 0) return null;
  return (
    <fieldset className="plan-accounts" data-testid={`plan-accounts-${tool.tool}`}>
      <legend>{tool.tool}: by account</legend>
      {tool.accounts.map((a) => (
        <label key={a.account}>
          {a.account} <span className="muted">({formatInteger(a.facts)} rows)</span>
          <select value={a.plan ?? ''} aria-label={`How ${tool.tool} account ${a.account} is paid`} onChange={(e) => onChoose(a.account, (e.target.value || null) as UsagePlan | null)}>
            <option value="">As the tool</option>
            <option value="payg">Pay-as-you-go</option>
            <option value="included">Included in my plan</option>
          </select>
        </label>
      ))}
    </fieldset>
  );
}
