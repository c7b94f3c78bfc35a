import type { ImportFormatInfo } from '../../../../shared/contract/types';
import { useSay, useT, useTRich } from '../../ui/i18n';

/** What the Imports screen reads, shown while nothing was imported yet. */
export function SupportedFormats({ formats }: { formats: readonly ImportFormatInfo[] }) {
  const t = useT();
  const tRich = useTRich();
  const say = useSay();
  return (
    <div className="empty import-empty" data-testid="import-formats">
      <h2>{t('imports.formats.title')}</h2>
      <p>{t('imports.formats.intro')}</p>
      <ul className="format-list">
        {formats.map((f) => (
          <li key={f.id}>{f.labelSaid ? say(f.labelSaid) : f.label}</li>
        ))}
      </ul>
      <p className="muted">
        {tRich('imports.formats.else', { command: <code>npx tokenledger import &lt;files or folders&gt;</code> })}
      </p>
    </div>
  );
}
