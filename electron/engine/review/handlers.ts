/** Handlers of the review noun (shared/contract/api/review.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { buildReviewPack } from './pack';

export const reviewHandlers = {
  'review.pack': (input, ctx) => buildReviewPack(ctx, input.month, input.locale),
} satisfies Partial<ApiHandlers<EngineContext>>;
