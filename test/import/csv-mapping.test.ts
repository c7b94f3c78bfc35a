/**
 * A CSV no built-in format reads (an internal gateway's log) is mapped column by
 * column, saved as a profile, imported with exact totals, and the next file with the same header is
 * recognized by itself; a different header is still refused with the closest format; bad cells are
 * reported with line and column; a built-in format always wins over a profile for its own files.
 * Through the real contract on a real SQLite file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/errors';
import type { MappingRoles } from '../../shared/contract/api/mappings';
import { headFromBytes } from '../../electron/engine/importers/kit/decode';
import { parseTime, profileImporter } from '../../electron/engine/imports/mappings/profile-importer';
import { importers } from '../../electron/engine/importers/registry';
import { identify } from '../../electron/engine/imports/identify';
import { saveMappingProfile } from '../../electron/engine/imports/mappings/store';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const HEADER = 'timestamp,model,prompt_tokens,cached_tokens,completion_tokens,cost_eur,team';

// Times are Berlin wall-clock times (UTC+2 in September): 09:15 there is 07:15 UTC.
const SEPTEMBER = [
  HEADER,
  '2025-09-01 09:15:00,gpt-4o,1200,200,300,0.0125,search',
  '2025-09-01 10:02:30,gpt-4o-mini,800,0,150,0.0009,search',
  '2025-09-02 23:30:00,claude-sonnet-4,5000,4000,700,0.021,support',
  '2025-09-03 08:00:00,gpt-4o,2000,1500,100,0.0061,support',
].join('\n');
// By hand: prompt 1200+800+5000+2000 = 9000, cached 200+0+4000+1500 = 5700 -> uncached input 3300;
// output 300+150+700+100 = 1250; 4 requests; cost 0.0125+0.0009+0.021+0.0061 = 0.0405 EUR.

// October repeats September's last row (the two exports overlap) and adds two rows.
const OCTOBER = [
  HEADER,
  '2025-09-03 08:00:00,gpt-4o,2000,1500,100,0.0061,support',
  '2025-10-01 12:00:00,gpt-4o,3000,1000,400,0.0188,search',
  '2025-10-02 12:00:00,deepseek-chat,10000,0,2000,0.004,support',
].join('\r\n');
// New rows: input (3000-1000) + 10000 = 12000, cache_read 1000, output 2400, 2 requests, 0.0228 EUR.

function write(name: string, text: string): string {
  const p = join(tempDir(), name);
  writeFileSync(p, text);
  return p;
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

/** The wizard's choices for the gateway log: the suggestion, with the provider and the time zone set. */
async function gatewayRoles(client: ReturnType<typeof testEngine>['client'], path: string): Promise<MappingRoles> {
  const s = await client.call('mappings.suggest', { path });
  return { ...s.suggested, provider: 'internal-gateway', time: { ...s.suggested.time, timeZone: 'Europe/Berlin' } };
}

const header = HEADER.split(',');

describe('a column mapping profile for an unknown CSV', () => {
  it('refuses the gateway log at first, naming the closest built-in format and the columns it lacks', async () => {
    const { client } = testEngine();
    const path = write('gateway-2025-09.csv', SEPTEMBER);
    const e = await refusal(client.call('imports.preview', { paths: [path] }));
    expect(e.code).toBe('UNRECOGNIZED_FILE');
    expect(e.message).toBe(`${path}: not a known export format. Closest: LiteLLM spend logs CSV (litellm-spend-csv), which needs request_id, spend, startTime`);
  });

  it('suggests roles from the header names and values, and dry-runs them over the first rows', async () => {
    const { client } = testEngine();
    const path = write('gateway-2025-09.csv', SEPTEMBER);
    const s = await client.call('mappings.suggest', { path });
    expect(s.header).toEqual(header);
    expect(s.delimiter).toBe(',');
    expect(s.rows).toHaveLength(4);
    expect(s.rows[2]).toEqual(['2025-09-02 23:30:00', 'claude-sonnet-4', '5000', '4000', '700', '0.021', 'support']);
    expect(s.claimedBy).toBeNull();
    expect(s.suggested).toEqual({
      time: { start: 'timestamp', end: null, format: 'iso', timeZone: 'UTC', granularity: 'request' },
      provider: 'custom',
      model: 'model',
      tokens: { input: 'prompt_tokens', inputIncludesCached: true, cacheRead: 'cached_tokens', cacheWrite: null, output: 'completion_tokens', reasoning: null },
      requests: null,
      cost: 'cost_eur',
      currencyColumn: null,
      currency: 'EUR',
      decimalComma: false,
      project: 'team',
      apiKey: null,
      member: null,
      account: null,
      identity: [],
    });

    const roles = await gatewayRoles(client, path);
    const dry = await client.call('mappings.preview', { path, profile: { name: 'Internal gateway', header, delimiter: ',', roles }, limit: 2 });
    expect(dry.problems).toEqual([]);
    expect(dry.issues).toEqual([]);
    expect(dry.rows).toHaveLength(2);
    expect(dry.rows[0]).toMatchObject({
      line: 2,
      start: '2025-09-01T07:15:00.000Z',
      end: '2025-09-01T07:15:00.001Z',
      provider: 'internal-gateway',
      modelRaw: 'gpt-4o',
      model: 'gpt-4o',
      tokens: { input: 1000, cache_read: 200, cache_write_5m: 0, cache_write_1h: 0, output: 300, reasoning: 0 },
      requests: 1,
      billed: '0.012500',
      currency: 'EUR',
      project: 'search',
    });
    // Nothing is saved or written by a dry run.
    expect(await client.call('mappings.list', {})).toEqual([]);
    expect((await client.call('report.totals', {})).factCount).toBe(0);

    // A profile that cannot be saved says why, and reads no rows.
    const bad = await client.call('mappings.preview', {
      path,
      profile: { name: '', header, delimiter: ',', roles: { ...roles, cost: 'cost_eur', currency: null, tokens: { ...roles.tokens, reasoning: 'nope' } } },
    });
    expect(bad.problems).toEqual([
      'Give the profile a name.',
      'The reasoning tokens column "nope" is not in the header.',
      'Say the currency of the cost: a fixed currency or a currency column.',
    ]);
    expect(bad.rows).toEqual([]);
  });

  it('saves the profile, imports with exact totals, recognizes the next file with the same header by itself, and forgets it when removed', async () => {
    const { client } = testEngine();
    const september = write('gateway-2025-09.csv', SEPTEMBER);
    const roles = await gatewayRoles(client, september);
    const profile = await client.call('mappings.save', { name: 'Internal gateway', header, delimiter: ',', roles });
    expect(profile).toMatchObject({ id: 1, formatId: 'csv-mapping-1', name: 'Internal gateway', header, delimiter: ',' });
    expect((await client.call('mappings.list', {})).map((p) => p.name)).toEqual(['Internal gateway']);
    const formats = await client.call('imports.formats', {});
    // Every built-in format, then the user's profile.
    expect(formats).toHaveLength(importers.length + 1);
    expect(formats[importers.length]).toEqual({ id: 'csv-mapping-1', label: 'Internal gateway (column mapping)', labelSaid: { id: 'engine.import.mappingLabel', values: { name: 'Internal gateway' } }, provider: 'internal-gateway' });

    const first = await client.call('imports.commit', { paths: [september] });
    expect(first.files[0]).toMatchObject({ format: 'csv-mapping-1', formatLabel: 'Internal gateway (column mapping)', provider: 'internal-gateway', issueCount: 0 });
    expect(first.counts).toEqual({ new: 4, duplicate: 0, revised: 0, skipped: 0, error: 0 });
    let report = await client.call('report.totals', {});
    expect(report.totals.tokens).toEqual({ input: 3300, cache_read: 5700, cache_write_5m: 0, cache_write_1h: 0, output: 1250, reasoning: 0 });
    expect(report.totals.requests).toBe(4);
    expect(report.totals.billed).toEqual({ EUR: '0.040500' });

    // The same file again adds nothing: unchanged since, it is not even read.
    const again = await client.call('imports.commit', { paths: [september] });
    expect(again.files[0]).toMatchObject({ unchanged: true, format: 'csv-mapping-1' });
    expect(again.counts).toEqual({ new: 0, duplicate: 0, revised: 0, skipped: 0, error: 0 });

    // October's export, same header (CRLF this time): recognized without asking, its overlap a duplicate.
    const october = write('gateway-2025-10.csv', OCTOBER);
    const preview = await client.call('imports.preview', { paths: [october] });
    expect(preview.files[0]!.format).toBe('csv-mapping-1');
    expect(preview.counts).toEqual({ new: 2, duplicate: 1, revised: 0, skipped: 0, error: 0 });
    await client.call('imports.commit', { previewId: preview.previewId });
    report = await client.call('report.totals', {});
    expect(report.totals.tokens).toEqual({ input: 3300 + 12000, cache_read: 5700 + 1000, cache_write_5m: 0, cache_write_1h: 0, output: 1250 + 2400, reasoning: 0 });
    expect(report.totals.requests).toBe(6);
    expect(report.totals.billed).toEqual({ EUR: '0.063300' });

    // Uploads (the browser host) are recognized too.
    const upload = await client.call('imports.preview', { files: [{ name: 'gateway.csv', contentBase64: Buffer.from(OCTOBER).toString('base64') }] });
    expect(upload.files[0]!.format).toBe('csv-mapping-1');
    expect(upload.counts.duplicate).toBe(3);

    expect(await client.call('mappings.remove', { id: 1 })).toEqual({ removed: true });
    const e = await refusal(client.call('imports.preview', { paths: [october] }));
    expect(e.code).toBe('UNRECOGNIZED_FILE');
    // The batches it imported stay.
    expect((await client.call('report.totals', {})).totals.requests).toBe(6);
  });

  it('still refuses a file whose header differs, naming the profile as the closest format', async () => {
    const { client } = testEngine();
    const september = write('gateway-2025-09.csv', SEPTEMBER);
    await client.call('mappings.save', { name: 'Internal gateway', header, delimiter: ',', roles: await gatewayRoles(client, september) });
    const usd = write('gateway-usd.csv', SEPTEMBER.replace('cost_eur', 'cost_usd'));
    const e = await refusal(client.call('imports.preview', { paths: [usd] }));
    expect(e.code).toBe('UNRECOGNIZED_FILE');
    expect(e.message).toBe(
      `${usd}: not a known export format. Closest: Internal gateway (column mapping) (csv-mapping-1), which needs cost_eur, no other columns (this file also has cost_usd)`,
    );
    // Same columns with a semicolon delimiter: not the same header either.
    const semi = write('gateway-semicolon.csv', SEPTEMBER.replace(/,/g, ';'));
    const e2 = await refusal(client.call('imports.preview', { paths: [semi] }));
    expect(e2.message).toBe(`${semi}: not a known export format. Closest: Internal gateway (column mapping) (csv-mapping-1), which needs the delimiter ","`);
  });

  it('reports bad cells with their line and column, and imports nothing unless told to skip them', async () => {
    const { client } = testEngine();
    const september = write('gateway-2025-09.csv', SEPTEMBER);
    await client.call('mappings.save', { name: 'Internal gateway', header, delimiter: ',', roles: await gatewayRoles(client, september) });
    const broken = write(
      'gateway-broken.csv',
      [
        HEADER,
        '2025-09-05 10:00:00,gpt-4o,abc,0,10,0.001,search',
        '2025-13-05 10:00:00,gpt-4o,100,0,10,0.001,search',
        '2025-09-05 11:00:00,gpt-4o,100,300,10,0.001,search',
        '2025-09-05 12:00:00,gpt-4o,100,0,-5,0.001,search',
        '2025-09-05 13:00:00,gpt-4o,100,0,10,1.2.3,search',
        '2025-09-05 14:00:00,gpt-4o,100,20,10,0.002,search',
      ].join('\n'),
    );
    const preview = await client.call('imports.preview', { paths: [broken] });
    expect(preview.canCommit).toBe(false);
    expect(preview.counts).toEqual({ new: 1, duplicate: 0, revised: 0, skipped: 0, error: 5 });
    // Each issue says why in English (`message`) and as a message id with its values (`said`).
    expect(preview.files[0]!.issues.map(({ said, ...i }) => ({ ...i, id: said.id }))).toEqual([
      { file: broken, line: 2, field: 'prompt_tokens', id: 'engine.row.notWholeQuoted', message: 'prompt_tokens is not a whole number: "abc"' },
      { file: broken, line: 3, field: 'timestamp', id: 'engine.row.notDateExpected', message: 'timestamp is not a valid date: "2025-13-05 10:00:00" (expected YYYY-MM-DD or an ISO date-time)' },
      { file: broken, line: 4, field: 'prompt_tokens', id: 'engine.row.inputBelowCached', message: 'prompt_tokens (100) is smaller than cached_tokens (300); it should include the cached tokens' },
      { file: broken, line: 5, field: 'completion_tokens', id: 'engine.row.negativeCountQuoted', message: 'completion_tokens is negative ("-5"); a count cannot be negative' },
      { file: broken, line: 6, field: 'cost_eur', id: 'engine.row.notAmount', message: '"1.2.3" is not a decimal amount' },
    ]);
    const e = await refusal(client.call('imports.commit', { paths: [broken], onError: 'abort' }));
    expect(e.code).toBe('BAD_ROWS');
    expect((await client.call('report.totals', {})).factCount).toBe(0);

    const skipped = await client.call('imports.commit', { previewId: preview.previewId, onError: 'skip' });
    expect(skipped.counts.new).toBe(1);
    const report = await client.call('report.totals', {});
    expect(report.totals.tokens.input).toBe(80);
    expect(report.totals.tokens.cache_read).toBe(20);
    expect(report.totals.billed).toEqual({ EUR: '0.002000' });
  });

  it('lets a built-in format win over a profile for its own files, without ambiguity', async () => {
    const { client, engine } = testEngine();
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'exports', 'openrouter-activity.csv');
    const head = headFromBytes('openrouter-activity.csv', readFileSync(fixture));
    const openrouterHeader = head.csvHeader!;
    const roles: MappingRoles = {
      time: { start: 'created_at', end: null, format: 'iso', timeZone: 'UTC', granularity: 'request' },
      provider: 'not-openrouter',
      model: 'model_permaslug',
      tokens: { input: 'tokens_prompt', inputIncludesCached: false, cacheRead: null, cacheWrite: null, output: 'tokens_completion', reasoning: null },
      requests: null,
      cost: 'cost_total',
      currencyColumn: null,
      currency: 'USD',
      decimalComma: false,
      project: null,
      apiKey: null,
      member: null,
      account: null,
      identity: ['generation_id'],
    };
    // The service refuses such a profile: it would never be used.
    const e = await refusal(client.call('mappings.save', { name: 'Shadow', header: openrouterHeader, delimiter: ',', roles }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('Files with this header are already read as OpenRouter activity CSV; a built-in format always wins over a mapping profile, so this one would never be used');

    // Even one stored behind the service's back claims nothing the built-in format reads.
    const stored = saveMappingProfile(engine.ctx.db, { name: 'Shadow', header: openrouterHeader, delimiter: ',', roles }, engine.ctx.now());
    expect(profileImporter(stored).identify(head)).toEqual({ match: true });
    const found = identify(head, [...importers, profileImporter(stored)]);
    expect(found.kind === 'importer' && found.importer.id).toBe('openrouter-activity-csv');
    const preview = await client.call('imports.preview', { paths: [fixture] });
    expect(preview.files[0]!.format).toBe('openrouter-activity-csv');
  });

  it('identifies rows by the chosen identity columns: a later export with changed numbers revises them', async () => {
    const { client } = testEngine();
    const text = (rows: string[]) => ['request_id;ts;model;in;out;usd', ...rows].join('\n');
    const first = write('calls-1.csv', text(['r1;1756684800;gpt-4o;100;10;0,5', 'r2;1756684860;gpt-4o;200;20;1,25']));
    const s = await client.call('mappings.suggest', { path: first });
    expect(s.delimiter).toBe(';');
    expect(s.suggested.identity).toEqual(['request_id']);
    expect(s.suggested.time).toMatchObject({ start: 'ts', format: 'epoch-s' });
    expect(s.suggested).toMatchObject({ decimalComma: true, cost: 'usd', currency: 'USD', tokens: { input: 'in', output: 'out', inputIncludesCached: false } });
    await client.call('mappings.save', { name: 'Calls', header: s.header, delimiter: s.delimiter, roles: { ...s.suggested, provider: 'calls' } });
    expect((await client.call('imports.commit', { paths: [first] })).counts.new).toBe(2);

    // r2 billed again with more output, r3 new, and a row without its id.
    const second = write('calls-2.csv', text(['r2;1756684860;gpt-4o;200;25;1,5', 'r3;1756684920;gpt-4o;300;30;2', ';1756684980;gpt-4o;1;1;0']));
    const preview = await client.call('imports.preview', { paths: [second] });
    expect(preview.counts).toEqual({ new: 1, duplicate: 0, revised: 1, skipped: 0, error: 1 });
    expect(preview.files[0]!.issues).toEqual([{ file: second, line: 4, field: 'request_id', message: 'request_id is empty; it identifies the row', said: { id: 'engine.row.emptyIdentity', values: { field: 'request_id' } } }]);
    await client.call('imports.commit', { previewId: preview.previewId, onError: 'skip' });
    const report = await client.call('report.totals', {});
    // r1 100/10/0.5 + r2 revised 200/25/1.5 + r3 300/30/2.
    expect(report.totals.tokens.input).toBe(600);
    expect(report.totals.tokens.output).toBe(65);
    expect(report.totals.billed).toEqual({ USD: '4.000000' });
  });

  it('refuses a second profile for the same header, and a name already taken', async () => {
    const { client } = testEngine();
    const september = write('gateway-2025-09.csv', SEPTEMBER);
    const roles = await gatewayRoles(client, september);
    await client.call('mappings.save', { name: 'Internal gateway', header, delimiter: ',', roles });
    const same = await refusal(client.call('mappings.save', { name: 'Gateway again', header, delimiter: ',', roles }));
    expect(same.message).toBe('The profile "Internal gateway" already maps this header; edit or remove it instead');
    const other = [...header.slice(0, -1), 'department'];
    const named = await refusal(client.call('mappings.save', { name: 'internal GATEWAY', header: other, delimiter: ',', roles: { ...roles, project: 'department' } }));
    expect(named.message).toBe('A mapping profile named "Internal gateway" already exists; choose another name');
    // Saving with its id replaces it (here: the currency), and later imports use the new roles.
    const replaced = await client.call('mappings.save', { id: 1, name: 'Internal gateway', header, delimiter: ',', roles: { ...roles, currency: 'USD' } });
    expect(replaced.roles.currency).toBe('USD');
    await client.call('imports.commit', { paths: [september] });
    expect((await client.call('report.totals', {})).totals.billed).toEqual({ USD: '0.040500' });
  });
});

describe('time cells of a mapping', () => {
  it('reads each time format, in the profile time zone when the cell has none', () => {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    expect(iso(parseTime('2025-09-01 09:15', 'iso', 'Europe/Berlin'))).toBe('2025-09-01T07:15:00.000Z');
    expect(iso(parseTime('2025-01-15 09:15', 'iso', 'Europe/Berlin'))).toBe('2025-01-15T08:15:00.000Z');
    expect(iso(parseTime('2025-09-01T09:15:00+05:30', 'iso', 'Europe/Berlin'))).toBe('2025-09-01T03:45:00.000Z');
    expect(iso(parseTime('2025-09-01', 'iso', 'America/New_York'))).toBe('2025-09-01T04:00:00.000Z');
    expect(iso(parseTime('1756729800', 'epoch-s', 'Europe/Berlin'))).toBe('2025-09-01T12:30:00.000Z');
    expect(iso(parseTime('1756729800123', 'epoch-ms', 'UTC'))).toBe('2025-09-01T12:30:00.123Z');
    expect(iso(parseTime('09/01/2025 2:30 PM', 'mdy', 'UTC'))).toBe('2025-09-01T14:30:00.000Z');
    expect(iso(parseTime('01.09.2025 12:30', 'dmy', 'Asia/Shanghai'))).toBe('2025-09-01T04:30:00.000Z');
    expect(iso(parseTime('31/12/2025', 'dmy', 'UTC'))).toBe('2025-12-31T00:00:00.000Z');
    expect(parseTime('02/30/2025', 'mdy', 'UTC')).toBeNull();
    expect(parseTime('2025-09-01', 'epoch-s', 'UTC')).toBeNull();
  });
});
