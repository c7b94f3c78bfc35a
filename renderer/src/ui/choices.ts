/** Choices offered in more than one form: display currencies and the runtime's time zones. */
export const CURRENCIES = ['USD', 'EUR', 'CNY', 'GBP', 'JPY'];

export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}
