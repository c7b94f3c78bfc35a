/** The token classes a price names, in the order the Prices screen shows them. */
import type { TokenPriceMap } from '../../../../shared/contract/api/prices';
import type { MessageId } from '../../../../shared/i18n';

export const CLASSES: Array<[keyof TokenPriceMap, MessageId]> = [
  ['input', 'imports.col.input'],
  ['cache_read', 'overview.class.cacheRead'],
  ['cache_write_5m', 'overview.class.cacheWrite5m'],
  ['cache_write_1h', 'overview.class.cacheWrite1h'],
  ['output', 'overview.class.output'],
];
