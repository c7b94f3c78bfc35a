/**
 * The review pack's PDF: a title page with the month, the ledger, the instant it was made (the engine's
 * clock), the headline totals in the display currency and the daily charts; then every table, each
 * continuing on the next page when it does not fit. English for now.
 */
import { tokenTotal } from '../../../shared/domain/aggregate';
import type { ReviewData } from './gather';
import { drawDailyChart } from './pdf-chart';
import { CONTENT_WIDTH, MUTED, PackDoc, PAGE, RULE } from './pdf-doc';
import { drawTable } from './pdf-table';
import { amountsText, integer, money, type PackTable } from './tables';

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** The headline figures, label and value, as the Overview states them. */
export function headlines(d: ReviewData): [string, string][] {
  const o = d.overview;
  const t = o.totals;
  const cur = o.display.currency;
  const out: [string, string][] = [
    [`Spend (${cur})`, money(t.spendDisplay, cur)],
    ['Spend by currency', amountsText(t.spend)],
    ['Billed', amountsText(t.billed)],
    ['Estimated', amountsText(t.estimated)],
    ['Tokens', integer(tokenTotal(t.tokens))],
    ['Requests', integer(t.requests)],
  ];
  if (o.comparison.comparable) out.push([`Previous month (${o.previous.month}, same days)`, money(o.previousTotals.spendDisplay, cur)]);
  if (o.forecast) out.push(['Month-end forecast', o.forecast.single ? money(o.forecast.point, cur) : `${money(o.forecast.point, cur)} (${money(o.forecast.low, cur)} to ${money(o.forecast.high, cur)})`]);
  if (o.credits) out.push(['Credits and refunds (no region)', amountsText(o.credits.spend)]);
  if (t.unpriced.tokens > 0) out.push(['Unpriced usage (not in spend)', `${integer(t.unpriced.tokens)} tokens on ${t.unpriced.models.length} models`]);
  return out;
}

function titlePage(p: PackDoc, d: ReviewData): void {
  const o = d.overview;
  p.cell('TOKEN LEDGER · MONTHLY REVIEW', PAGE.margin, p.y, CONTENT_WIDTH, { size: 8, bold: true, color: MUTED });
  p.gap(14);
  p.cell(monthLabel(d.month), PAGE.margin, p.y, CONTENT_WIDTH, { size: 24, bold: true });
  p.gap(34);
  const generated = `${d.generatedAt.slice(0, 16).replace('T', ' ')} UTC`;
  p.para(`Ledger ${d.ledger} · ${o.period.from} to ${o.period.to}${o.period.isCurrentMonth ? ' (month to date)' : ''}, days in ${o.timeZone} · generated ${generated}`, { size: 8.5, color: MUTED });
  p.para(`Amounts in ${o.display.currency}: ${o.display.basis.note}${o.display.missing.length ? `; no rate for ${o.display.missing.join(', ')}` : ''}`, { size: 7.5, color: MUTED });
  if (!p.unicode) p.para('No font with Chinese glyphs was found on this machine: characters the PDF cannot show are printed as "?" (set TOKENLEDGER_PDF_FONT to a .ttf, .otf or .ttc file).', { size: 7.5, color: '#b45309' });
  p.gap(8);
  const rows = headlines(d);
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
  drawDailyChart(p, o, 'byRegion', `Daily spend by vendor region (${o.display.currency})`);
  drawDailyChart(p, o, 'byVendor', `Daily spend by vendor (${o.display.currency})`);
}

export async function reviewPdf(d: ReviewData, tables: readonly PackTable[]): Promise<Buffer> {
  const p = new PackDoc({ title: `Token Ledger review ${d.month}`, createdAt: new Date(d.generatedAt) });
  titlePage(p, d);
  p.newPage();
  for (const t of tables) drawTable(p, t);
  p.footer(`Token Ledger · review ${d.month} · ${d.ledger}`);
  return p.bytes();
}
