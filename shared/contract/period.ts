/** Calendar periods as hosts take them from people (a month, a range of days), on the ledger's one calendar. */
import { addDays, monthDays, parseDay, startOfLocalDay } from '../domain/time';

/** First and last day of a month 'YYYY-MM', inclusive. */
export function monthRange(month: string): { from: string; to: string } {
  return monthDays(month);
}

/** The last millisecond of local day `day` in `timeZone`, as an ISO instant ("as of the end of that day"). */
export function endOfDayInstant(day: string, timeZone: string): string {
  return new Date(startOfLocalDay(parseDay(addDays(day, 1)), timeZone) - 1).toISOString();
}
