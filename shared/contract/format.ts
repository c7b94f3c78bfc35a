/** Showing the contract's exact amounts (decimal strings) to a person: rounded only for display. */
import { formatNano, parseDecimalToNano } from '../domain/money';

/** A decimal amount rounded half up to `decimals` places ('12.345' -> '12.35'); the exact value stays in the answer. */
export function roundAmount(value: string, decimals: number): string {
  return formatNano(parseDecimalToNano(value), decimals);
}
