/** The latest five-hour usage blocks, newest first (the engine's agents.blocks, as `tokenledger blocks`). */
import type { AgentBlock } from '../../../../shared/contract/api/agents';
import { formatAmounts, formatInteger } from '../../ui/format';
import { useT } from '../../ui/i18n';

const money = (a: Record<string, string>) => (Object.keys(a).length ? formatAmounts(a).join(' + ') : '');
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

export function BlocksTable({ blocks }: { blocks: AgentBlock[] }) {
  const t = useT();
  return (
    <article className="card wide" aria-labelledby="blocks-title">
      <h2 id="blocks-title">{t('agents.blocks.title')}</h2>
      <div className="table-scroll">
        <table className="data" data-testid="blocks-table">
          <thead>
            <tr>
              <th scope="col">{t('agents.blocks.start')}</th>
              <th scope="col">{t('agents.blocks.lastCall')}</th>
              <th scope="col" className="num">
                {t('agents.col.calls')}
              </th>
              <th scope="col" className="num">
                {t('agents.col.tokens')}
              </th>
              <th scope="col" className="num">
                {t('agents.col.spend')}
              </th>
              <th scope="col" className="num">
                {t('agents.col.inPlan')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...blocks].reverse().map((b) => (
              <tr key={b.start}>
                <th scope="row">{b.active ? t('agents.blocks.active', { start: minute(b.start) }) : minute(b.start)}</th>
                <td>{minute(b.lastAt).slice(11)}</td>
                <td className="num">{formatInteger(b.calls)}</td>
                <td className="num">{formatInteger(b.tokens)}</td>
                <td className="num">{money(b.spend)}</td>
                <td className="num">{money(b.notional)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
