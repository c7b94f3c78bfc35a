/**
 * The PDF page as the pack writes it: pdfkit with the pack's fonts, a cursor down the page, text cut to
 * a width (never spilling into the next column) and a new page when a block does not fit.
 */
import PDFDocument from 'pdfkit';
import { findPdfFonts, latinOnly, type PdfFonts } from './fonts';

export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Lowest y a block may reach: the footer sits below it. */
export const BOTTOM = PAGE.height - PAGE.margin - 14;

export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const RULE = '#d1d5db';

export interface TextOptions {
  size?: number;
  bold?: boolean;
  color?: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
}

export class PackDoc {
  readonly doc: PDFKit.PDFDocument;
  /** Whether a font with CJK glyphs is embedded (else Helvetica, with other characters replaced). */
  readonly unicode: boolean;
  y: number = PAGE.margin;

  constructor(info: { title: string; createdAt: Date }, fonts: PdfFonts = findPdfFonts()) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      bufferPages: true,
      autoFirstPage: true,
      info: { Title: info.title, Creator: 'Token Ledger', Producer: 'Token Ledger', CreationDate: info.createdAt, ModDate: info.createdAt },
    });
    this.unicode = fonts.regular !== null;
    if (fonts.regular && fonts.bold) {
      this.doc.registerFont('body', fonts.regular.path, fonts.regular.face);
      this.doc.registerFont('bold', fonts.bold.path, fonts.bold.face);
    } else {
      this.doc.registerFont('body', 'Helvetica');
      this.doc.registerFont('bold', 'Helvetica-Bold');
    }
  }

  /** What the page can show of `s`. */
  clean(s: string): string {
    return this.unicode ? s : latinOnly(s);
  }

  private use(o: TextOptions): void {
    this.doc.font(o.bold ? 'bold' : 'body').fontSize(o.size ?? 9).fillColor(o.color ?? INK);
  }

  /** `s` cut with an ellipsis to `width` points in the current font. */
  fit(s: string, width: number): string {
    const text = this.clean(s);
    if (this.doc.widthOfString(text) <= width) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.doc.widthOfString(text.slice(0, mid) + '…') <= width) lo = mid;
      else hi = mid - 1;
    }
    return text.slice(0, lo) + '…';
  }

  /** One line at (x, y), cut to its width. */
  cell(s: string, x: number, y: number, width: number, o: TextOptions = {}): void {
    this.use(o);
    this.doc.text(this.fit(s, width), x, y, { width, align: o.align ?? 'left', lineBreak: false });
  }

  /** A paragraph at the cursor, wrapped to the content width; the cursor moves below it. */
  para(s: string, o: TextOptions = {}): void {
    this.use(o);
    const width = o.width ?? CONTENT_WIDTH;
    const text = this.clean(s);
    this.ensure(this.doc.heightOfString(text, { width }));
    this.doc.text(text, PAGE.margin, this.y, { width, align: o.align ?? 'left' });
    this.y = this.doc.y + 2;
  }

  gap(points: number): void {
    this.y += points;
  }

  /** A new page unless `height` points still fit on this one. */
  ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.newPage();
    return true;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE.margin;
  }

  /** `label(n, N)` at the foot of every page ("… · page n of N"). */
  footer(label: (page: number, pages: number) => string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Text below the bottom margin would start a page of its own.
      this.doc.page.margins.bottom = 0;
      this.cell(label(i + 1, range.count), PAGE.margin, PAGE.height - PAGE.margin + 6, CONTENT_WIDTH, { size: 7, color: MUTED, align: 'right' });
    }
  }

  /** The finished file. */
  async bytes(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
