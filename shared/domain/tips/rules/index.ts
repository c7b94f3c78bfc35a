/** Every tip rule, in the fixed order savings combine (see engine.ts "Overlaps"). */
import type { TipRule } from '../types';
import { priceChangeRule } from './price-change';
import { rightSizingRule } from './right-sizing';
import { deploymentRule } from './deployment';
import { cachingRule } from './caching';
import { promptBloatRule } from './prompt-bloat';
import { reasoningShareRule } from './reasoning-share';
import { batchRule } from './batch';
import { offPeakRule } from './off-peak';
import { regionMixRule } from './region-mix';

export const RULES: readonly TipRule[] = [
  priceChangeRule,
  rightSizingRule,
  deploymentRule,
  cachingRule,
  promptBloatRule,
  reasoningShareRule,
  batchRule,
  offPeakRule,
  regionMixRule,
];
