/**
 * The CSV record reader cuts text without quotes itself (most exports) and hands the rest to papaparse:
 * both ways give the same records, line numbers, blank lines skipped, field-count and too-long fields,
 * however the reads split the file. The reference is the same text read in one piece that holds a
 * quote (so papaparse reads all of it), its last record (the quote) dropped.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_CHARS, readCsvRecords } from '../../electron/engine/importers/kit/csv';
import { seeded } from '../../shared/domain/random';

const FIELDS = ['gen-1', '2025-06-01 00:00:28.339', '0.0117873', '', '  ', '-0.00791', 'deepseek/deepseek-chat', 'Roo Code', 'é中😀'];

function randomText(r: () => number, quotes: boolean): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 30);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.08) lines.push('');
    else if (k < 0.12) lines.push('   ');
    else if (k < 0.125) lines.push('x'.repeat(MAX_FIELD_CHARS + Math.floor(r() * 10)) + ',1');
    else {
      const cells: string[] = [];
      const m = 1 + Math.floor(r() * 5);
      for (let c = 0; c < m; c++) cells.push(quotes && r() < 0.1 ? '"a,""b""\nc"' : FIELDS[Math.floor(r() * FIELDS.length)]!);
      lines.push(cells.join(','));
    }
  }
  return lines.join('\n') + '\n';
}

function split(text: string, r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(r() * (r() < 0.5 ? 40 : 4000));
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

async function records(chunks: string[]): Promise<unknown[]> {
  async function* source() {
    yield* chunks;
  }
  const out: unknown[] = [];
  for await (const rec of readCsvRecords(source(), ',')) out.push({ line: rec.line, fields: rec.fields, error: rec.error?.id, tooLong: rec.tooLong });
  return out;
}

describe('the CSV record reader', () => {
  it('gives the records papaparse gives, with their lines, however the text is split (plain text or quoted)', async () => {
    const r = seeded(11);
    for (let round = 0; round < 200; round++) {
      const text = randomText(r, round % 3 === 0);
      const reference = (await records([`${text}"q"\n`])).slice(0, -1);
      expect(await records(split(text, r)), `round ${round}`).toEqual(reference);
    }
  });

  it('numbers the records of plain text by their lines, blank lines counted and skipped', async () => {
    expect(await records(['a,b\n1,', '2\n\n   \n3,4\n', '5,6'])).toEqual([
      { line: 1, fields: ['a', 'b'], error: undefined, tooLong: undefined },
      { line: 2, fields: ['1', '2'], error: undefined, tooLong: undefined },
      { line: 5, fields: ['3', '4'], error: undefined, tooLong: undefined },
      { line: 6, fields: ['5', '6'], error: undefined, tooLong: undefined },
    ]);
  });
});
