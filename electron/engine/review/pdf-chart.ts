/**
 * The Overview's daily spend chart drawn as vectors: one stacked bar per day, a segment per vendor or
 * vendor region, from the same `daily` series the Overview's chart reads (display currency). Numbers
 * here only place bars on the page; every figure printed comes from the series as it is.
 */
import type { ReportOverview } from '../../../shared/contract/api/report';
import { CONTENT_WIDTH, MUTED, PAGE, RULE, type PackDoc } from './pdf-doc';
import type { PackWords } from './words';

/** The window's chart colours, in the same order (series sorted by name). */
const PALETTE = ['#2456c9', '#d9822b', '#2f9e6e', '#b83280', '#7a5af8', '#0f9fb5', '#c2410c', '#64748b', '#a16207', '#15803d'];

/** A round step for about four gridlines up to `max`. */
function niceStep(max: number): number {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
}

export function drawDailyChart(p: PackDoc, o: ReportOverview, by: 'byVendor' | 'byRegion', title: string, w: PackWords): void {
  const height = 150;
  const legendRow = 11;
  const series = [...new Set(o.daily.flatMap((d) => Object.keys(d[by])))].sort();
  const legendRows = Math.ceil(series.length / 5);
  p.ensure(20 + height + 24 + legendRows * legendRow);
  const cur = o.display.currency;
  p.cell(title, PAGE.margin, p.y, CONTENT_WIDTH, { size: 11, bold: true });
  p.gap(18);
  if (o.daily.length === 0 || series.length === 0) {
    p.cell(w.t('review.chart.empty'), PAGE.margin, p.y, CONTENT_WIDTH, { size: 8.5, color: MUTED });
    p.gap(20);
    return;
  }
  const axis = 46;
  const left = PAGE.margin + axis;
  const width = CONTENT_WIDTH - axis;
  const top = p.y;
  const stackOf = (d: ReportOverview['daily'][number]) => Object.values(d[by]).reduce((s, v) => s + Math.max(0, Number(v)), 0);
  const max = Math.max(...o.daily.map(stackOf), 0) || 1;
  const step = niceStep(max);
  const scaleTop = Math.ceil(max / step) * step;
  const yOf = (v: number) => top + height - (v / scaleTop) * height;
  for (let v = 0; v <= scaleTop + step / 2; v += step) {
    const y = yOf(v);
    p.doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).strokeColor(RULE).stroke();
    p.cell(w.money(String(Math.round(v)), cur).replace(/\.00$/, ''), PAGE.margin, y - 4, axis - 4, { size: 6.5, color: MUTED, align: 'right' });
  }
  const slot = width / o.daily.length;
  const bar = Math.max(1, slot * 0.72);
  o.daily.forEach((d, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    let base = 0;
    series.forEach((s, k) => {
      const v = Math.max(0, Number(d[by][s] ?? 0));
      if (v === 0) return;
      p.doc.rect(x, yOf(base + v), bar, yOf(base) - yOf(base + v)).fill(PALETTE[k % PALETTE.length]!);
      base += v;
    });
    const label = Number(d.day.slice(8));
    if (label === 1 || label % 5 === 0) p.cell(String(label), left + i * slot - 6, top + height + 3, slot + 12, { size: 6.5, color: MUTED, align: 'center' });
  });
  p.gap(height + 14);
  const legendWidth = CONTENT_WIDTH / 5;
  series.forEach((s, k) => {
    const x = PAGE.margin + (k % 5) * legendWidth;
    const y = p.y + Math.floor(k / 5) * legendRow;
    p.doc.rect(x, y + 1.5, 7, 7).fill(PALETTE[k % PALETTE.length]!);
    p.cell(s, x + 10, y + 1, legendWidth - 12, { size: 7 });
  });
  p.gap(legendRows * legendRow + 14);
}
