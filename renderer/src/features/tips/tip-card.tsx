/** One tip: its saving (or cost), the evidence on demand, and Dismiss / Restore for the month. */
import { useId, useState } from 'react';
import type { Tip } from '../../../../shared/contract/api/tips';
import { useApp } from '../../client/store';
import { Money } from './money';
import { Evidence } from './tip-evidence';
import { useSay, useT, useTRich } from '../../ui/i18n';

export function TipCard({ tip, period, onChanged }: { tip: Tip; period: string; onChanged: () => void }) {
  const client = useApp((s) => s.client);
  const evidenceId = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const tRich = useTRich();
  const say = useSay();
  const hasSaving = Object.keys(tip.saving).length > 0;
  const combinedDiffers = hasSaving && JSON.stringify(tip.saving) !== JSON.stringify(tip.combinedSaving);
  async function toggleDismiss() {
    if (!client) return;
    setBusy(true);
    try {
      await client.call('tips.dismiss', { period, tipId: tip.id, dismissed: !tip.dismissed });
      onChanged();
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className={`tip${tip.dismissed ? ' dismissed' : ''}`} data-testid="tip" data-rule={tip.rule} data-tip-id={tip.id}>
      <div className="tip-head">
        <div>
          <span className="rule-badge">{say(tip.said.ruleTitle)}</span>
          <h3>{say(tip.said.title)}</h3>
          <p className="muted">{say(tip.said.summary)}</p>
        </div>
        <div className="tip-money">
          {hasSaving ? (
            <>
              <span className="muted small">{t('tips.saves')}</span>
              <Money amounts={tip.saving} testId="tip-saving" />
              {combinedDiffers && !tip.dismissed && (
                <span className="muted small" data-testid="tip-combined">
                  {tRich('tips.withAbove', { amount: <Money amounts={tip.combinedSaving} /> })}
                </span>
              )}
            </>
          ) : tip.impact ? (
            <>
              <span className="muted small">{t('tips.costsYou')}</span>
              <Money amounts={tip.impact} testId="tip-impact" />
            </>
          ) : null}
        </div>
      </div>
      <div className="tip-actions">
        <button type="button" aria-expanded={open} aria-controls={open ? evidenceId : undefined} onClick={() => setOpen(!open)}>
          {open ? t('tips.hideEvidence') : t('tips.showEvidence')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={toggleDismiss}>
          {tip.dismissed ? t('tips.restore') : t('tips.dismiss')}
        </button>
      </div>
      {open && <Evidence tip={tip} id={evidenceId} />}
    </li>
  );
}
