/**
 * The PDF's fonts. Names in the ledger can be Chinese (projects, members, Chinese vendors' models), and
 * the PDF standard fonts have no CJK glyphs, so the pack embeds (subset) a font that has them: the first
 * one found among the common system fonts of Linux, macOS and Windows, or TOKENLEDGER_PDF_FONT (a
 * .ttf, .otf or .ttc; `path#PostScriptName` picks a face of a collection). Without one the PDF uses
 * Helvetica and says that characters it cannot show are replaced.
 */
import { existsSync } from 'node:fs';

export interface PdfFace {
  path: string;
  /** The face inside a font collection (.ttc). */
  face?: string;
}

export interface PdfFonts {
  regular: PdfFace | null;
  bold: PdfFace | null;
}

const CANDIDATES: readonly { regular: PdfFace; bold?: PdfFace }[] = [
  // Debian/Ubuntu fonts-noto-cjk; Fedora/Arch google-noto-sans-cjk.
  { regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' }, bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' } },
  { regular: { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' }, bold: { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' } },
  { regular: { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' }, bold: { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' } },
  { regular: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' } },
  // macOS
  { regular: { path: '/System/Library/Fonts/Hiragino Sans GB.ttc', face: 'HiraginoSansGB-W3' }, bold: { path: '/System/Library/Fonts/Hiragino Sans GB.ttc', face: 'HiraginoSansGB-W6' } },
  { regular: { path: '/System/Library/Fonts/STHeiti Light.ttc', face: 'STHeitiSC-Light' }, bold: { path: '/System/Library/Fonts/STHeiti Medium.ttc', face: 'STHeitiSC-Medium' } },
  // Windows
  { regular: { path: 'C:\\Windows\\Fonts\\msyh.ttc', face: 'MicrosoftYaHei' }, bold: { path: 'C:\\Windows\\Fonts\\msyhbd.ttc', face: 'MicrosoftYaHei-Bold' } },
  { regular: { path: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' } },
];

function parseFace(spec: string): PdfFace {
  const hash = spec.lastIndexOf('#');
  return hash > 0 ? { path: spec.slice(0, hash), face: spec.slice(hash + 1) } : { path: spec };
}

export function findPdfFonts(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): PdfFonts {
  const chosen = env.TOKENLEDGER_PDF_FONT;
  if (chosen) {
    const face = parseFace(chosen);
    if (exists(face.path)) return { regular: face, bold: face };
  }
  for (const c of CANDIDATES) {
    if (!exists(c.regular.path)) continue;
    return { regular: c.regular, bold: c.bold && exists(c.bold.path) ? c.bold : c.regular };
  }
  return { regular: null, bold: null };
}

/** Text the standard fonts can show: characters outside Latin-1 (and the euro) become '?'. */
export function latinOnly(s: string): string {
  return s.replace(/[^\u0020-\u00ff\u20ac\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/gu, '?');
}
