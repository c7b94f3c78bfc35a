/** The monthly review pack: the month's figures gathered once, printed as a PDF and one CSV per table. */
import { basename } from 'node:path';
import type { ReviewFile, ReviewPack } from '../../../shared/contract/api/review';
import type { EngineContext } from '../context';
import { tableCsv } from './csv';
import { gatherReview } from './gather';
import { reviewPdf } from './pdf';
import { packTables } from './tables';
import { packWords } from './words';
import type { Locale } from '../../../shared/i18n/index';

const file = (name: string, mediaType: ReviewFile['mediaType'], bytes: Buffer): ReviewFile => ({ name, mediaType, base64: bytes.toString('base64'), bytes: bytes.length });

export async function buildReviewPack(ctx: EngineContext, month: string, locale: Locale = 'en'): Promise<ReviewPack> {
  const d = gatherReview(ctx, month, basename(ctx.dbPath));
  const words = packWords(locale);
  const tables = packTables(d, words);
  const pdf = await reviewPdf(d, tables, words);
  return {
    month,
    from: d.overview.period.from,
    to: d.overview.period.to,
    timeZone: d.overview.timeZone,
    generatedAt: d.generatedAt,
    files: [file(`review-${month}.pdf`, 'application/pdf', pdf), ...tables.map((t) => file(`review-${month}-${t.id}.csv`, 'text/csv', Buffer.from(tableCsv(t), 'utf8')))],
  };
}
