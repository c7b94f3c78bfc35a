/**
 * The review pack's PDF: a title page with the month, the ledger, the instant it was made (the engine's
 * clock), the headline totals in the display currency and the daily charts; then every table, each
 * continuing on the next page when it does not fit. In the reader's language (./words.ts).
 */
import { tokenTotal } from '../../../shared/domain/aggregate';
import type { ReviewData } from './gather';
import { drawDailyChart } from './pdf-chart';
import { CONTENT_WIDTH, MUTED, PackDoc, PAGE, RULE } from './pdf-doc';
import { drawTable } from './pdf-table';
import type { PackTable } from './tables';
import type { PackWords } from './words';

/** The headline figures, label and value, as the Overview states them. */
export function headlines(d: ReviewData, w: PackWords): [string, string][] {
  const { money, amounts, integer, t: say } = w;
  const o = d.overview;
  const t = o.totals;
  const cur = o.display.currency;
  const out: [string, string][] = [
    [say('review.h.spend', { currency: cur }), money(t.spendDisplay, cur)],
    [say('review.h.byCurrency'), amounts(t.spend)],
    [say('review.h.billed'), amounts(t.billed)],
    [say('review.h.estimated'), amounts(t.estimated)],
    [say('review.h.tokens'), integer(tokenTotal(t.tokens))],
    [say('review.h.requests'), integer(t.requests)],
  ];
  if (o.comparison.comparable) out.push([say('review.h.previous', { month: o.previous.month }), money(o.previousTotals.spendDisplay, cur)]);
  if (o.forecast) out.push([say('review.h.forecast'), o.forecast.single ? money(o.forecast.point, cur) : say('review.h.range', { point: money(o.forecast.point, cur), low: money(o.forecast.low, cur), high: money(o.forecast.high, cur) })]);
  if (o.credits) out.push([say('review.h.credits'), amounts(o.credits.spend)]);
  if (t.unpriced.tokens > 0) out.push([say('review.h.unpriced'), say('review.h.unpricedValue', { tokens: integer(t.unpriced.tokens), models: t.unpriced.models.length })]);
  return out;
}

function titlePage(p: PackDoc, d: ReviewData, w: PackWords): void {
  const o = d.overview;
  p.cell(w.t('review.kicker'), PAGE.margin, p.y, CONTENT_WIDTH, { size: 8, bold: true, color: MUTED });
  p.gap(14);
  p.cell(w.month(d.month), PAGE.margin, p.y, CONTENT_WIDTH, { size: 24, bold: true });
  p.gap(34);
  const generated = `${d.generatedAt.slice(0, 16).replace('T', ' ')} UTC`;
  p.para(w.t('review.ledgerLine', { ledger: d.ledger, from: o.period.from, to: o.period.to, toDate: o.period.isCurrentMonth ? 'yes' : 'no', zone: o.timeZone, generated }), { size: 8.5, color: MUTED });
  const missing = o.display.missing.join(', ');
  p.para(w.t('review.amountsIn', { currency: o.display.currency, note: w.say(o.display.basis.said), hasMissing: missing ? 'yes' : 'no', missing }), { size: 7.5, color: MUTED });
  // Without a CJK font the page can print Latin letters only: this line stays in English.
  if (!p.unicode) p.para('No font with Chinese glyphs was found on this machine: characters the PDF cannot show are printed as "?" (set TOKENLEDGER_PDF_FONT to a .ttf, .otf or .ttc file).', { size: 7.5, color: '#b45309' });
  p.gap(8);
  const rows = headlines(d, w);
  const half = CONTENT_WIDTH / 2;
  rows.forEach(([label, value], i) => {
    const big = i === 0;
    const x = PAGE.margin + (big ? 0 : ((i - 1) % 2) * half);
    if (big) {
      p.cell(label, x, p.y, CONTENT_WIDTH, { size: 8, color: MUTED });
      p.cell(value, x, p.y + 10, CONTENT_WIDTH, { size: 20, bold: true });
      p.gap(44);
      return;
    }
    p.cell(label, x, p.y, half - 8, { size: 7.5, color: MUTED });
    p.cell(value, x, p.y + 9, half - 8, { size: 10, bold: true });
    if ((i - 1) % 2 === 1 || i === rows.length - 1) p.gap(28);
  });
  p.doc.moveTo(PAGE.margin, p.y).lineTo(PAGE.margin + CONTENT_WIDTH, p.y).lineWidth(0.6).strokeColor(RULE).stroke();
  p.gap(12);
  drawDailyChart(p, o, 'byRegion', w.t('review.chart.byRegion', { currency: o.display.currency }), w);
  drawDailyChart(p, o, 'byVendor', w.t('review.chart.byVendor', { currency: o.display.currency }), w);
}

export async function reviewPdf(d: ReviewData, tables: readonly PackTable[], w: PackWords): Promise<Buffer> {
  const p = new PackDoc({ title: `Token Ledger review ${d.month}`, createdAt: new Date(d.generatedAt) });
  titlePage(p, d, w);
  p.newPage();
  for (const t of tables) drawTable(p, t, w);
  p.footer((page, pages) => w.t('review.footer', { month: d.month, ledger: d.ledger, page, pages }));
  return p.bytes();
}
