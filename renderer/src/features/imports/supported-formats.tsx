import type { ImportFormatInfo } from '../../../../shared/contract/types';

/** What the Imports screen reads, shown while nothing was imported yet. */
export function SupportedFormats({ formats }: { formats: readonly ImportFormatInfo[] }) {
  return (
    <div className="empty import-empty" data-testid="import-formats">
      <h2>Supported exports</h2>
      <p>Each file is recognized by its content, whatever its name. Drop several files or a whole folder at once.</p>
      <ul className="format-list">
        {formats.map((f) => (
          <li key={f.id}>{f.label}</li>
        ))}
      </ul>
      <p className="muted">
        Anything else is refused with the closest known format and the columns it lacks. The command line does the same:{' '}
        <code>npx tokenledger import &lt;files or folders&gt;</code>.
      </p>
    </div>
  );
}
