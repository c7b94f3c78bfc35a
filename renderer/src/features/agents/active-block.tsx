/**
 * The five-hour block in progress (the engine's agents.blocks, as `tokenledger blocks --active`): its
 * spend so far, the burn rate from its first to its last call, and where that rate takes it by the
 * block's end. Usage a plan includes shows apart, never as spend.
 */
import type { AgentBlock } from '../../../../shared/contract/api/agents';
import { formatAmounts, formatInteger } from '../../ui/format';

const money = (a: Record<string, string>) => (Object.keys(a).length ? formatAmounts(a).join(' + ') : '—');
const time = (iso: string) => `${iso.slice(11, 16)} UTC`;

export function ActiveBlock({ block }: { block: AgentBlock | null }) {
  if (!block) {
    return (
      <article className="card" data-testid="active-block">
        <h2>Block in progress</h2>
        <p className="muted">No active five-hour block: no call in the last five hours.</p>
      </article>
    );
  }
  const b = block.burn;
  const left = b?.remainingMinutes ?? 0;
  return (
    <article className="card" data-testid="active-block">
      <h2>Block in progress</h2>
      <p className="figure" data-testid="active-block-spend">
        {money(block.spend)}
      </p>
      {Object.keys(block.notional).length > 0 && <p className="muted">+ {money(block.notional)} value at list price included in plans (not spend)</p>}
      <p className="muted">
        {time(block.start)} to {time(block.end)}; {formatInteger(block.calls)} calls, {formatInteger(block.tokens)} tokens
      </p>
      {b ? (
        <dl className="burn" data-testid="burn">
          <dt>Burn rate</dt>
          <dd>
            {formatInteger(b.tokensPerMinute)} tokens/min, {money(b.spendPerHour)} per hour
          </dd>
          <dt>Projected by the block’s end</dt>
          <dd>
            {formatInteger(b.projectedTokens)} tokens, {money(b.projectedSpend)}
          </dd>
          <dt>Time left</dt>
          <dd>
            {Math.floor(left / 60)}h {left % 60}m
          </dd>
        </dl>
      ) : (
        <p className="muted">One call so far: no burn rate yet.</p>
      )}
    </article>
  );
}
