/** The token classes' names (message ids), shared by the Overview's table, budgets and Explore. */
import type { TokenClass } from '../../../shared/domain/fact';
import type { MessageId } from '../../../shared/i18n';

export const CLASS_LABELS: Record<TokenClass, MessageId> = {
  input: 'overview.class.input',
  cache_read: 'overview.class.cacheRead',
  cache_write_5m: 'overview.class.cacheWrite5m',
  cache_write_1h: 'overview.class.cacheWrite1h',
  output: 'overview.class.output',
  reasoning: 'overview.class.reasoning',
};
