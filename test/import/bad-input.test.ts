import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract';
import { importPaths } from '../../electron/engine/imports/service';
import { matchColumns } from '../../electron/engine/importers/kit/common';
import { parseCsv } from '../../electron/engine/importers/kit/csv';
import type { Importer } from '../../electron/engine/importers/types';
import { dumpTables, fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger;
let before: Record<string, unknown[]>;
beforeEach(async () => {
  ledger = tempLedger();
  await ledger.api.call('imports.commit', { paths: [fixture('litellm-spend-logs.csv')] });
  before = dumpTables(ledger.engine);
});
afterEach(() => ledger.close());

const orCsv = () => readFileSync(fixture('openrouter-activity.csv'), 'utf8').split('\n').filter((l) => l.trim() !== '');

function write(name: string, text: string | Buffer): string {
  const p = join(ledger.dir, name);
  writeFileSync(p, text);
  return p;
}

async function refused(paths: string[], onError: 'skip' | 'abort' = 'abort'): Promise<ApiError> {
  const err = await ledger.api.call('imports.commit', { paths, onError }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect(dumpTables(ledger.engine)).toEqual(before);
  return err as ApiError;
}

/** A CSV export with one cell replaced at data row `row` (1-based). */
function withCell(row: number, column: string, value: string): string {
  const lines = orCsv();
  const col = lines[0]!.split(',').indexOf(column);
  const cells = lines[row]!.split(',');
  cells[col] = value;
  lines[row] = cells.join(',');
  return lines.join('\n') + '\n';
}

describe('bad input leaves the ledger as it was and names file, line and field', () => {
  it('refuses an unrecognized file, naming the closest format and the columns it lacks', async () => {
    const lines = orCsv();
    const header = lines[0]!.replace('tokens_cached', 'cached').replace('model_permaslug', 'model');
    const p = write('almost-openrouter.csv', [header, ...lines.slice(1)].join('\n'));
    const e = await refused([p]);
    expect(e.code).toBe('UNRECOGNIZED_FILE');
    expect(e.message).toContain('almost-openrouter.csv');
    expect(e.message).toContain('OpenRouter activity CSV');
    expect(e.message).toContain('tokens_cached');
    expect(e.message).toContain('model_permaslug');
  });

  it('refuses a file that two formats claim instead of guessing', async () => {
    const claimAll = (id: string): Importer => ({
      id,
      label: id,
      provider: 'test',
      signature: ['a', 'b'],
      grain: 'day',
      identify: (head) => matchColumns(head, ['a', 'b']),
      parse: (source, ctx) => parseCsv(source, ctx, () => null),
    });
    const p = write('ab.csv', 'a,b\n1,2\n');
    const err = await importPaths(ledger.engine.ctx, [p], { onError: 'abort', importers: [claimAll('fmt-one'), claimAll('fmt-two')] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AMBIGUOUS_FILE' });
    expect((err as Error).message).toMatch(/ab\.csv.*fmt-one.*fmt-two/);
    expect(dumpTables(ledger.engine)).toEqual(before);
  });

  it('reports an empty file and imports nothing', async () => {
    const e = await refused([write('empty.csv', '')]);
    expect(e.code).toBe('BAD_ROWS');
    expect(e.message).toContain('empty.csv line 1, (file): the file is empty');
  });

  it('reports a header with no rows', async () => {
    const e = await refused([write('header-only.csv', orCsv()[0]! + '\n')]);
    expect(e.code).toBe('BAD_ROWS');
    expect(e.message).toMatch(/header-only\.csv line 2, \(file\): .*no data rows/);
  });

  it('reports truncated JSON', async () => {
    const json = readFileSync(fixture('openrouter-activity-api.json'), 'utf8');
    const e = await refused([write('truncated.json', json.slice(0, Math.floor(json.length / 2)))]);
    expect(e.code).toBe('BAD_ROWS');
    expect(e.message).toContain('truncated.json line');
  });

  it('reports a wrong type in a cell, a negative count and a date that does not parse, each with its line and field', async () => {
    const p = write('bad-cells.csv', withCell(2, 'tokens_prompt', 'lots'));
    const e1 = await refused([p]);
    expect(e1.code).toBe('BAD_ROWS');
    expect(e1.message).toContain('bad-cells.csv line 3, tokens_prompt');
    const rows = (e1.details as { rows: Array<{ file: string; line: number; field: string }> }).rows;
    expect(rows[0]).toMatchObject({ line: 3, field: 'tokens_prompt' });

    const e2 = await refused([write('negative.csv', withCell(4, 'tokens_completion', '-5'))]);
    expect(e2.message).toContain('negative.csv line 5, tokens_completion');
    expect(e2.message).toContain('negative');

    const e3 = await refused([write('bad-date.csv', withCell(1, 'created_at', '2025-13-45 99:00'))]);
    expect(e3.message).toContain('bad-date.csv line 2, created_at');
  });

  it('with onError skip, commits the good rows and records the bad ones on the batch', async () => {
    const p = write('one-bad-row.csv', withCell(2, 'tokens_prompt', 'lots'));
    const preview = await ledger.api.call('imports.preview', { paths: [p], onError: 'abort' });
    expect(preview.canCommit).toBe(false);
    expect(preview.files[0]!.issues[0]).toMatchObject({ file: p, line: 3, field: 'tokens_prompt' });
    expect(dumpTables(ledger.engine)).toEqual(before);
    await expect(ledger.api.call('imports.commit', { previewId: preview.previewId })).rejects.toMatchObject({ code: 'BAD_ROWS' });
    const r = await ledger.api.call('imports.commit', { previewId: preview.previewId, onError: 'skip' });
    expect(r.counts).toMatchObject({ new: 15, error: 1 }); // 14 good generations, one with its web search fee line
  });

  it('one refused file in a folder refuses the whole import', async () => {
    const dir = join(ledger.dir, 'folder');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'good.csv'), readFileSync(fixture('openrouter-activity.csv')));
    writeFileSync(join(dir, 'sub', 'notes.txt'), 'just some notes\nnothing to see\n');
    writeFileSync(join(dir, '.hidden.csv'), 'junk');
    const e = await refused([dir]);
    expect(e.code).toBe('UNRECOGNIZED_FILE');
    expect(e.message).toContain('notes.txt');
  });

  it('a missing path is NOT_FOUND and writes nothing', async () => {
    const e = await refused([join(ledger.dir, 'nope.csv')]);
    expect(e.code).toBe('NOT_FOUND');
  });
});
