import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeChunks, headFromBytes, openTextSource, textSourceFromString } from '../../electron/engine/importers/kit/decode';
import { importerById, importers } from '../../electron/engine/importers/registry';
import { identify } from '../../electron/engine/imports/identify';
import type { Importer } from '../../electron/engine/importers/types';
import { parseDecimalToNano } from '../../shared/domain/money';
import { tempDir } from '../helpers/tmp';
import { collect, parseText, splitCredits, type ReadRow } from './helpers';

const imp = (id: string): Importer => importerById(id)!;
const OR_HEADER =
  'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name';
/** An OpenRouter activity row with some cells replaced. */
function orRow(over: Partial<Record<string, string>> = {}): string {
  const cells: Record<string, string> = {
    generation_id: 'gen-1756714443-AAAAAAAAAAAAAAAAAAAA',
    created_at: '2025-09-01 08:14:03.221',
    cost_total: '0.01',
    tokens_prompt: '100',
    tokens_completion: '20',
    tokens_reasoning: '0',
    tokens_cached: '40',
    model_permaslug: 'openai/gpt-4.1',
    provider_name: 'OpenAI',
    ...over,
  };
  return OR_HEADER.split(',').map((h) => cells[h] ?? '').join(',');
}
const errors = (rows: ReadRow[]) => rows.filter((r) => r.kind === 'error');
const facts = (rows: ReadRow[]) => rows.flatMap((r) => (r.kind === 'fact' ? [r] : []));
const expected = JSON.parse(readFileSync(join(__dirname, '../fixtures/expected-totals.json'), 'utf8')) as Record<string, { input_uncached: number; output: number; requests: number; cost: string; rows: number }>;

describe('bad input gives error rows naming the line and the field', () => {
  it('reports an empty file at line 1', async () => {
    expect(await parseText(imp('openrouter-activity-csv'), '')).toEqual([{ kind: 'error', line: 1, field: '(file)', message: 'the file is empty' }]);
  });

  it('reports a header with no rows on the line after the header', async () => {
    expect(await parseText(imp('openrouter-activity-csv'), OR_HEADER + '\r\n')).toEqual([
      { kind: 'error', line: 2, field: '(file)', message: 'the file has a header but no data rows' },
    ]);
  });

  it('reports truncated JSON at the line where parsing stopped, with the JSON path', async () => {
    const text = '{\n  "object": "page",\n  "data": [\n    {"start_time": 1756684800, "end_time": 1756771200, "results": [\n      {"input_tokens": 5';
    const rows = await parseText(imp('openai-usage-json'), text, 16);
    expect(rows).toEqual([{ kind: 'error', line: 5, field: 'data[0].results[0].input_tokens', message: 'unexpected end of the file: the JSON is truncated' }]);
  });

  it('reports a non-number token cell with its column', async () => {
    const rows = await parseText(imp('openrouter-activity-csv'), `${OR_HEADER}\n${orRow()}\n${orRow({ tokens_prompt: '12x' })}\n`);
    expect(facts(rows).map((r) => r.line)).toEqual([2]);
    expect(errors(rows)).toEqual([{ kind: 'error', line: 3, field: 'tokens_prompt', message: 'tokens_prompt is not a whole number: "12x"' }]);
  });

  it('reports a negative token count', async () => {
    const rows = await parseText(imp('openrouter-activity-csv'), `${OR_HEADER}\n${orRow({ tokens_completion: '-5' })}\n`);
    expect(errors(rows)).toEqual([{ kind: 'error', line: 2, field: 'tokens_completion', message: 'tokens_completion is negative ("-5"); a count cannot be negative' }]);
  });

  it('reports an unparseable date', async () => {
    const rows = await parseText(imp('openrouter-activity-csv'), `${OR_HEADER}\n${orRow({ created_at: '2025-13-45 10:00:00' })}\n`);
    expect(errors(rows)).toEqual([
      { kind: 'error', line: 2, field: 'created_at', message: 'created_at is not a valid date: "2025-13-45 10:00:00" (expected an ISO date-time)' },
    ]);
  });

  it('reports a wrong type in a JSON field at the line of that field', async () => {
    const text = '{"data": [\n {"starting_at": "2025-09-01T00:00:00Z", "ending_at": "2025-09-02T00:00:00Z", "results": [\n  {"uncached_input_tokens": "lots",\n   "output_tokens": 3}\n ]}\n]}';
    const rows = await parseText(imp('anthropic-usage-json'), text);
    expect(rows).toEqual([{ kind: 'error', line: 3, field: 'data[0].results[0].uncached_input_tokens', message: 'data[0].results[0].uncached_input_tokens is not a whole number: lots' }]);
  });

  it('keeps reading a JSONL file after a bad line', async () => {
    const good = readFileSync(join(__dirname, '../fixtures/exports/claude-code-session.jsonl'), 'utf8').split('\n')[2]!;
    const rows = await parseText(imp('claude-code-jsonl'), `${good}\n{"type": "assistant", "message": \n${good}\n`);
    expect(rows.map((r) => [r.kind, r.line])).toEqual([['fact', 1], ['error', 2], ['fact', 3]]);
    expect(errors(rows)[0]).toMatchObject({ field: 'message', message: 'unexpected end of the file: the JSON is truncated' });
  });
});

describe('identification', () => {
  it('names the closest format and its missing columns for an unrecognized CSV', () => {
    const header = OR_HEADER.split(',').filter((h) => h !== 'tokens_cached' && h !== 'model_permaslug').join(',');
    const result = identify(headFromBytes('mystery.csv', Buffer.from(header + '\n')), importers);
    expect(result).toMatchObject({ kind: 'unrecognized', closest: { importer: { id: 'openrouter-activity-csv' }, missing: ['tokens_cached', 'model_permaslug'] } });
  });
});

describe('encodings and dialects', () => {
  it('reads Excel "Unicode text": UTF-16 LE with BOM, tab-delimited', async () => {
    const text = 'user_id\tutc_date\tmodel\twallet_type\tcost\tcurrency\r\nu1\t20250901\tdeepseek-chat\tpaid\t1.5\tCNY\r\nu1\t20250902\tdeepseek-chat\tgranted\t0.25\tCNY\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const head = headFromBytes('usage.txt', bytes);
    expect(head).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    const found = identify(head, importers);
    expect(found.kind === 'importer' && found.importer.id).toBe('deepseek-usage-cost-csv');
    // Feed the bytes in odd-sized chunks so code units are split across chunks.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => bytes.subarray(i * 5, i * 5 + 5));
    const rows = await collect(imp('deepseek-usage-cost-csv'), decodeChunks(chunks, head.encoding), head);
    expect(facts(rows).map((r) => [r.line, r.fact.billed!.nano])).toEqual([[2, 1_500_000_000n], [3, 250_000_000n]]);
  });

  it('strips a UTF-8 BOM from the first column name', () => {
    const head = headFromBytes('cost.csv', readFileSync(join(__dirname, '../fixtures/exports/deepseek-usage-cost-2025-9.csv')));
    expect(head.encoding).toBe('utf-8');
    expect(head.csvHeader?.[0]).toBe('user_id');
  });

  it('reads a GB18030 Zhipu bill (no BOM) to the same totals as the UTF-8 one', async () => {
    const path = join(__dirname, '../fixtures/encodings/zhipu-bill-detail-gb18030.csv');
    const head = headFromBytes(path, readFileSync(path));
    expect(head.encoding).toBe('gb18030');
    const found = identify(head, importers);
    expect(found.kind === 'importer' && found.importer.id).toBe('zhipu-bill-csv');
    const rows = await collect(imp('zhipu-bill-csv'), openTextSource(path, head.encoding), head);
    const want = expected['zhipu-bill-detail.csv']!;
    const f = facts(rows);
    expect(errors(rows)).toEqual([]);
    expect(f.length - splitCredits(rows)).toBe(want.rows);
    expect(f.reduce((a, r) => a + r.fact.tokens.input, 0)).toBe(want.input_uncached);
    expect(f.reduce((a, r) => a + r.fact.requests, 0)).toBe(want.requests);
    expect(f.reduce((a, r) => a + r.fact.billed!.nano, 0n)).toBe(parseDecimalToNano(want.cost));
  });

  it('opens a file when its text is first read, not before (a source never read holds no file open)', async () => {
    const path = join(tempDir(), 'not-yet.csv');
    const source = openTextSource(path, 'utf-8');
    // An eager open would have failed by now with an error no one listens to.
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(path, 'a,b\n1,2\n');
    let text = '';
    for await (const chunk of source) text += chunk;
    expect(text).toBe('a,b\n1,2\n');
  });

  it('reads a localized Azure export: semicolons and decimal commas', async () => {
    const path = join(__dirname, '../fixtures/encodings/azure-cost-export-localized.csv');
    const head = headFromBytes(path, readFileSync(path));
    expect(head.delimiter).toBe(';');
    const found = identify(head, importers);
    expect(found.kind === 'importer' && found.importer.id).toBe('azure-cost-csv');
    const rows = await collect(imp('azure-cost-csv'), openTextSource(path, head.encoding), head);
    const f = facts(rows);
    expect(errors(rows)).toEqual([]);
    // Rows: 1850,32 K input; 142,118 K output; 4210,044 K input; 611,902 K output; 2891,776 K cached input.
    expect(f.reduce((a, r) => a + r.fact.tokens.input, 0)).toBe(1_850_320 + 4_210_044);
    expect(f.reduce((a, r) => a + r.fact.tokens.output, 0)).toBe(142_118 + 611_902);
    expect(f.reduce((a, r) => a + r.fact.tokens.cache_read, 0)).toBe(2_891_776);
    // 9,2516 + 2,13177 + 0,6315066 + 0,3671412 + 0,2891776 = 12.6711954
    expect(f.reduce((a, r) => a + r.fact.billed!.nano, 0n)).toBe(12_671_195_400n);
  });

  it('keeps line numbers right after quoted fields with commas and newlines, across CRLF and chunk cuts', async () => {
    const multi = orRow({ app_name: '"Acme, Inc.\r\nsecond line\r\nthird"' });
    const text = `${OR_HEADER}\r\n${multi}\r\n\r\n${orRow({ generation_id: 'gen-2', tokens_prompt: 'x' })}\r\n${orRow({ generation_id: 'gen-3', user: '"user_""vip"""' })}\r\n`;
    for (const chunkSize of [1, 3, 7, 64, 4096]) {
      const head = headFromBytes('t.csv', Buffer.from(text));
      const rows = await collect(imp('openrouter-activity-csv'), textSourceFromString(text, chunkSize), head);
      expect(rows.map((r) => [r.kind, r.line])).toEqual([['fact', 2], ['error', 6], ['fact', 7]]);
      const [first, third] = facts(rows);
      expect(first!.fact.project).toBe('Acme, Inc.\r\nsecond line\r\nthird');
      expect(third!.fact.member).toBe('user_"vip"');
    }
  });
});
