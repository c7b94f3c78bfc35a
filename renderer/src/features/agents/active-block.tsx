/**
 * The five-hour block in progress (the engine's agents.blocks, as `tokenledger blocks --active`): its
 * spend so far, the burn rate from its first to its last call, and where that rate takes it by the
 * block's end. Usage a plan includes shows apart, never as spend.
 */
import type { AgentBlock } from '../../../../shared/contract/api/agents';
import { formatAmounts, formatInteger } from '../../ui/format';
import { useT } from '../../ui/i18n';

const money = (a: Record<string, string>) => (Object.keys(a).length ? formatAmounts(a).join(' + ') : '—');
const time = (iso: string) => iso.slice(11, 16);

export function ActiveBlock({ block }: { block: AgentBlock | null }) {
  const t = useT();
  if (!block) {
    return (
      <article className="card" data-testid="active-block">
        <h2>{t('agents.active.title')}</h2>
        <p className="muted">{t('agents.active.none')}</p>
      </article>
    );
  }
  const b = block.burn;
  const left = b?.remainingMinutes ?? 0;
  return (
    <article className="card" data-testid="active-block">
      <h2>{t('agents.active.title')}</h2>
      <p className="figure" data-testid="active-block-spend">
        {money(block.spend)}
      </p>
      {Object.keys(block.notional).length > 0 && <p className="muted">{t('agents.active.notional', { amount: money(block.notional) })}</p>}
      <p className="muted">
        {t('agents.active.span', { start: time(block.start), end: time(block.end), calls: block.calls, tokens: block.tokens })}
      </p>
      {b ? (
        <dl className="burn" data-testid="burn">
          <dt>{t('agents.burn.rate')}</dt>
          <dd>{t('agents.burn.rateValue', { tokens: formatInteger(b.tokensPerMinute), spend: money(b.spendPerHour) })}</dd>
          <dt>{t('agents.burn.projected')}</dt>
          <dd>{t('agents.burn.projectedValue', { tokens: Math.round(b.projectedTokens), spend: money(b.projectedSpend) })}</dd>
          <dt>{t('agents.burn.left')}</dt>
          <dd>{t('agents.burn.leftValue', { hours: Math.floor(left / 60), minutes: left % 60 })}</dd>
        </dl>
      ) : (
        <p className="muted">{t('agents.burn.oneCall')}</p>
      )}
    </article>
  );
}
