/** The token classes a price names, in the order the Prices screen shows them. */
import type { TokenPriceMap } from '../../../../shared/contract/api/prices';

export const CLASSES: Array<[keyof TokenPriceMap, string]> = [
  ['input', 'Input'],
  ['cache_read', 'Cache read'],
  ['cache_write_5m', 'Cache write 5m'],
  ['cache_write_1h', 'Cache write 1h'],
  ['output', 'Output'],
];
