/** Which font the PDF embeds, and what it prints without one that has Chinese glyphs. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tmp';
import { findPdfFonts } from './fonts';
import { PackDoc } from './pdf-doc';

describe('the PDF fonts', () => {
  it('takes TOKENLEDGER_PDF_FONT (a face of a collection after #), else the first system CJK font there is', () => {
    const there = (...paths: string[]) => (p: string) => paths.includes(p);
    expect(findPdfFonts({ TOKENLEDGER_PDF_FONT: '/f/my.ttc#MyFace-Regular' }, there('/f/my.ttc'))).toEqual({ regular: { path: '/f/my.ttc', face: 'MyFace-Regular' }, bold: { path: '/f/my.ttc', face: 'MyFace-Regular' } });
    expect(findPdfFonts({}, there('/System/Library/Fonts/Hiragino Sans GB.ttc')).regular).toEqual({ path: '/System/Library/Fonts/Hiragino Sans GB.ttc', face: 'HiraginoSansGB-W3' });
    // A collection without its bold file: bold text uses the regular face.
    expect(findPdfFonts({ TOKENLEDGER_PDF_FONT: '/missing.ttf' }, there('C:\\Windows\\Fonts\\simsun.ttc'))).toEqual({ regular: { path: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' }, bold: { path: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' } });
    expect(findPdfFonts({}, there())).toEqual({ regular: null, bold: null });
  });

  it('without one, prints Latin text as it is and other characters as ?', async () => {
    const p = new PackDoc({ title: 'probe', createdAt: new Date(Date.UTC(2025, 9, 20)) }, { regular: null, bold: null });
    expect(p.unicode).toBe(false);
    p.para('陈伟 spent ¥12.50 — €3');
    const path = join(tempDir(), 'latin.pdf');
    writeFileSync(path, await p.bytes());
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('?? spent ¥12.50 — €3');
  });
});
