/** A table longer than a page continues on the next one under its header again, every row printed once, none cut off. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PackDoc } from './pdf-doc';
import { drawTable } from './pdf-table';
import { packWords } from './words';
import type { PackTable } from './tables';
import { tempDir } from '../../../test/helpers/tmp';

it('continues a long table on the next pages with its header', async () => {
  const t: PackTable = {
    id: 'long',
    title: 'Spend by project',
    note: null,
    columns: [
      { title: 'Project', csv: 'project', align: 'left', weight: 3 },
      { title: 'Spend', csv: 'spend', align: 'right', weight: 1 },
    ],
    rows: Array.from({ length: 130 }, (_, i) => ({ csv: [], shown: [`project-${String(i).padStart(3, '0')} 项目`, `$${i}.00`] })),
    empty: '',
  };
  const p = new PackDoc({ title: 'probe', createdAt: new Date(Date.UTC(2025, 9, 20)) });
  drawTable(p, t, packWords('en'));
  p.footer((n, of) => `probe · page ${n} of ${of}`);
  const path = join(tempDir(), 'long.pdf');
  writeFileSync(path, await p.bytes());
  const pages = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f').filter((s) => s.trim());
  expect(pages.length).toBeGreaterThanOrEqual(3);
  expect(pages.slice(1).every((s) => s.includes('Spend by project (continued)'))).toBe(true);
  const rows = pages.join('\n').match(/project-\d{3}/g) ?? [];
  expect(rows).toEqual(t.rows.map((_, i) => `project-${String(i).padStart(3, '0')}`));
  expect(pages.at(-1)).toContain(`page ${pages.length} of ${pages.length}`);
});
