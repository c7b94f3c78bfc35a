import type { DisplayInfo } from '../../../shared/contract/api/report';

/** The rates behind every converted figure on a screen, with their dates. */
export function FxNote({ display }: { display: DisplayInfo }) {
  if (display.rates.length === 0 && display.missing.length === 0) return null;
  return (
    <p className="fx-note" data-testid="fx-note">
      {display.rates.map((r) => (
        <span key={r.from}>
          Converted at 1 {r.from} = {Number(r.rate).toFixed(4)} {r.to} (rate of {r.rateDate ?? 'n/a'}).{' '}
        </span>
      ))}
      {display.missing.length > 0 && (
        <span role="status">
          No rate from {display.missing.join(', ')} to {display.currency}: converted totals are not shown; native amounts are.
        </span>
      )}
    </p>
  );
}

/** A rate summary for a title tooltip. */
export function fxTitle(display: DisplayInfo): string {
  return display.rates.map((r) => `1 ${r.from} = ${r.rate} ${r.to} (${r.rateDate ?? 'n/a'})`).join('; ');
}
