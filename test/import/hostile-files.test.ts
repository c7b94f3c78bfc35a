/**
 * Files an unlucky user (or a hostile one) imports with `tokenledger import`: dates out of the ledger's
 * years, epochs in milliseconds, malformed buckets of the JSON APIs. Each is a row error naming the
 * file, line and field under the usual abort / skip choice, never a silent drop or a fact in year 57637.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { runCli } from '../../electron/cli/main';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

function ledger() {
  const dir = tempDir();
  const db = join(dir, 'ledger.sqlite');
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const cli = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli([...args, '--db', db], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  const report = async (from: string, to: string) => JSON.parse((await cli('report', '--json', '--from', from, '--to', to)).out) as { factCount: number; totals: { tokens: { input: number } } };
  return { write, cli, report };
}

const openAiUsage = (start: number | string, end: number | string) =>
  JSON.stringify(
    {
      object: 'page',
      data: [
        {
          object: 'bucket',
          start_time: start,
          end_time: end,
          results: [{ object: 'organization.usage.completions.result', input_tokens: 1000, input_cached_tokens: 0, output_tokens: 100, num_model_requests: 3, model: 'gpt-4o-2024-08-06' }],
        },
      ],
      has_more: false,
      next_page: null,
    },
    null,
    2,
  );

describe('dates an import reads', () => {
  it('reads epochs in milliseconds as milliseconds, not as seconds 1000 times later', async () => {
    const l = ledger();
    const file = l.write('usage-ms.json', openAiUsage(1756684800000, 1756771200000));
    expect((await l.cli('import', file)).code).toBe(0);
    const day = await l.report('2025-09-01', '2025-09-01');
    expect(day.totals.tokens.input).toBe(1000);
  });

  it('refuses a time outside 2000..2100 as a row error naming the file, line and field', async () => {
    const l = ledger();
    // 9999999999 s is the year 2286: a typo or a unit mistake, never usage.
    const file = l.write('usage-far.json', openAiUsage(9999999999, 10000086399));
    const r = await l.cli('import', file);
    expect(r.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(r.err).toBe(
      `error: 1 row cannot be read; nothing was imported. First: ${file} line 9, start: the row's start time (2286-11-20) is outside the dates the ledger takes (from 2000-01-01 to 2100-12-31)`,
    );
    expect((await l.report('2000-01-01', '2100-12-31')).factCount).toBe(0);
  });
});

describe('a malformed bucket of a JSON API export', () => {
  const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'exports', name), 'utf8')) as { data: Record<string, unknown>[] };
  const cases = [
    { file: 'openai-usage-completions.json', start: 'start_time' },
    { file: 'openai-costs.json', start: 'start_time' },
    { file: 'anthropic-usage-report.json', start: 'starting_at' },
    { file: 'anthropic-cost-report.json', start: 'starting_at' },
  ];

  it.each(cases)('$file: a bad start time and a results that is not a list are row errors naming the bucket, under abort and skip', async ({ file, start }) => {
    const l = ledger();
    const doc = fixture(file);
    const [good, second, third] = doc.data as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    doc.data = [good, { ...second, [start]: 'yesterday' }, { ...third, results: 'none' }];
    const path = l.write(file, JSON.stringify(doc, null, 2));

    const aborted = await l.cli('import', path);
    expect(aborted.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(aborted.err).toMatch(new RegExp(`^error: 2 rows cannot be read; nothing was imported\\. First: .*${file} line \\d+, data\\[1\\]\\.${start}: data\\[1\\]\\.${start} is not a valid date: "yesterday"$`));
    expect((await l.report('2000-01-01', '2100-12-31')).factCount).toBe(0);

    const skipped = await l.cli('import', path, '--on-error', 'skip', '--json');
    expect(skipped.code).toBe(0);
    const result = JSON.parse(skipped.out) as { files: { issues: { field: string; message: string }[] }[] };
    expect(result.files[0]!.issues.map((i) => i.field)).toEqual([`data[1].${start}`, 'data[2].results']);
    expect(result.files[0]!.issues[1]!.message).toContain('data[2].results');
    // Only the good bucket's rows were imported.
    expect((await l.report('2000-01-01', '2100-12-31')).factCount).toBe((good.results as unknown[]).length);
  });
});

describe('secrets in an export', () => {
  it("masks a raw API key in LiteLLM's api_key column: stored and shown as its kind and last four characters", async () => {
    const l = ledger();
    const [header, first] = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'exports', 'litellm-spend-logs.csv'), 'utf8').split('\n') as [string, string];
    const secret = 'sk-proj-Zq3xT9vLm2Kp8Rw4Ys6Bn1Hd5Fg7Jc0A';
    const cells = first.replace('""user_api_key_alias"": ""svc-support"", ', '').split(',');
    cells[2] = secret;
    const file = l.write('spend.csv', `${header}\n${cells.join(',')}\n`);
    expect((await l.cli('import', file)).code).toBe(0);
    const r = JSON.parse((await l.cli('report', '--json', '--by', 'api_key', '--from', '2025-09-01', '--to', '2025-09-01')).out) as { rows: { keys: string[] }[] };
    expect(r.rows.map((g) => g.keys[0])).toEqual(['sk-proj-…Jc0A']);
    for (const f of ['ledger.sqlite', 'ledger.sqlite-wal']) {
      const path = join(file, '..', f);
      if (existsSync(path)) expect(readFileSync(path).includes(secret)).toBe(false);
    }
  });
});
