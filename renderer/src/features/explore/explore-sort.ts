/** How Explore's table sorts its rows. */
import type { ViewGroup } from '../../../../shared/contract/api/report';
import { metricValue } from '../../../../shared/domain/aggregate';
import type { ExploreView } from './view-state';

export type SortKey = 'bucket' | 'k0' | 'k1' | 'spend' | 'tokens' | 'requests' | 'cost_per_mtok' | 'cache_read_share';

export function sortValue(g: ViewGroup, key: SortKey, v: ExploreView): number | string | null {
  switch (key) {
    case 'bucket':
      return g.bucket;
    case 'k0':
      return g.keys[0] ?? null;
    case 'k1':
      return g.keys[1] ?? null;
    case 'tokens':
      return metricValue(g, 'tokens', v.tokenClass);
    default:
      return metricValue(g, key);
  }
}

export function compare(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
