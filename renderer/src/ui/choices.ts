import { DISPLAY_CURRENCIES } from '../../../shared/domain/fx';
/** Choices offered in more than one form: display currencies and the runtime's time zones. */
/** Display currencies: USD and every currency the shipped reference rates cover (a currency with no rate is not offered). */
export const CURRENCIES: readonly string[] = DISPLAY_CURRENCIES;

export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}
