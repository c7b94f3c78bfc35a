/** A pack table in the PDF: a header row, zebra rows, the total row in bold; it continues on the next page with its header again. */
import { CONTENT_WIDTH, MUTED, PAGE, RULE, type PackDoc } from './pdf-doc';
import { shownColumns, type PackTable } from './tables';
import type { PackWords } from './words';

const ROW = 13;
const PAD = 3;

function header(p: PackDoc, t: PackTable, widths: number[], continued: boolean, w: PackWords): void {
  p.cell(continued ? w.t('review.continued', { title: t.title }) : t.title, PAGE.margin, p.y, CONTENT_WIDTH, { size: 12, bold: true });
  p.gap(17);
  if (!continued && t.note) p.para(t.note, { size: 7.5, color: MUTED });
  p.gap(2);
  let x = PAGE.margin;
  shownColumns(t).forEach((c, i) => {
    p.cell(c.title, x + PAD, p.y + 2, widths[i]! - 2 * PAD, { size: 7.5, bold: true, color: MUTED, align: c.align });
    x += widths[i]!;
  });
  p.gap(ROW);
  p.doc.moveTo(PAGE.margin, p.y).lineTo(PAGE.margin + CONTENT_WIDTH, p.y).lineWidth(0.6).strokeColor(RULE).stroke();
  p.gap(1);
}

export function drawTable(p: PackDoc, t: PackTable, w: PackWords): void {
  const cols = shownColumns(t);
  const weight = cols.reduce((s, c) => s + c.weight, 0);
  const widths = cols.map((c) => (c.weight / weight) * CONTENT_WIDTH);
  // The title, its note, the header and a first row stay together.
  p.ensure(17 + 24 + 2 * ROW + 4);
  header(p, t, widths, false, w);
  if (t.rows.length === 0) {
    p.cell(t.empty, PAGE.margin + PAD, p.y + 2, CONTENT_WIDTH, { size: 8.5, color: MUTED });
    p.gap(ROW);
  }
  t.rows.forEach((r, n) => {
    if (p.ensure(ROW)) header(p, t, widths, true, w);
    if (n % 2 === 1 && !r.total) p.doc.rect(PAGE.margin, p.y, CONTENT_WIDTH, ROW).fill('#f3f4f6');
    if (r.total) p.doc.moveTo(PAGE.margin, p.y).lineTo(PAGE.margin + CONTENT_WIDTH, p.y).lineWidth(0.6).strokeColor(MUTED).stroke();
    let x = PAGE.margin;
    cols.forEach((c, i) => {
      p.cell(r.shown[i] ?? '', x + PAD, p.y + 2.5, widths[i]! - 2 * PAD, { size: 8, bold: r.total === true, align: c.align });
      x += widths[i]!;
    });
    p.gap(ROW);
  });
  p.gap(16);
}
