import type { DisplayInfo } from '../../../shared/contract/api/report';
import { sayText, useSay, useT } from './i18n';

/** How every converted figure on a screen was converted: each amount at its own day's rate, with the basis. */
export function FxNote({ display }: { display: DisplayInfo }) {
  const t = useT();
  const say = useSay();
  if (display.rates.length === 0 && display.missing.length === 0) return null;
  const note = say(display.basis.said);
  return (
    <p className="fx-note" data-testid="fx-note">
      <span>{t('engine.fx.sentence', { note: note.charAt(0).toUpperCase() + note.slice(1) })}</span>
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
  return sayText(display.basis.said);
}
