import type { DisplayInfo } from '../../../shared/contract/api/report';
import { useT } from './i18n';

/** How every converted figure on a screen was converted: each amount at its own day's rate, with the basis. */
export function FxNote({ display }: { display: DisplayInfo }) {
  const t = useT();
  if (display.rates.length === 0 && display.missing.length === 0) return null;
  const note = display.basis.note;
  return (
    <p className="fx-note" data-testid="fx-note">
      <span>{note.charAt(0).toUpperCase() + note.slice(1)}.</span>
      {display.missing.length > 0 && (
        <span role="status">
          {' '}
          {t('app.fx.missing', { from: display.missing.join(', '), to: display.currency })}
        </span>
      )}
    </p>
  );
}

/** A rate summary for a title tooltip. */
export function fxTitle(display: DisplayInfo): string {
  return display.basis.note;
}
