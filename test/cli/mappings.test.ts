/**
 * `tokenledger mappings list|add|remove` and `import --mapping NAME` on a CSV no built-in format reads
 * (an internal gateway's log, Berlin times, EUR): the mapping is made from a sample, its import gives the
 * totals counted by hand, another header is refused by `--mapping` before anything is written, and a
 * removed mapping is gone. Through the CLI on a real SQLite file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { MappingProfile } from '../../shared/contract/api/mappings';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const HEADER = 'timestamp,model,prompt_tokens,cached_tokens,completion_tokens,cost_eur,team';
const SEPTEMBER = [
  HEADER,
  '2025-09-01 09:15:00,gpt-4o,1200,200,300,0.0125,search',
  '2025-09-01 10:02:30,gpt-4o-mini,800,0,150,0.0009,search',
  '2025-09-02 23:30:00,claude-sonnet-4,5000,4000,700,0.021,support',
  '2025-09-03 08:00:00,gpt-4o,2000,1500,100,0.0061,support',
].join('\n');
// By hand: prompt 9000 of which cached 5700 -> uncached input 3300; output 1250; 4 requests; 0.0405 EUR.

async function cli(...args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io, {});
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('tokenledger mappings', () => {
  it('adds a mapping from a sample, imports with it, refuses another header, lists and removes it', async () => {
    const dir = tempDir();
    const db = join(dir, 'ledger.sqlite');
    const sample = join(dir, 'gateway-2025-09.csv');
    writeFileSync(sample, SEPTEMBER);
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'when,tokens,price\n2025-09-01,10,0.1\n');

    expect(await cli('mappings', 'list', '--db', db)).toMatchObject({ code: 0, out: expect.stringContaining('No column mappings yet.') });
    expect(await cli('import', sample, '--mapping', 'Gateway', '--db', db)).toMatchObject({ code: 5, err: 'error: No column mapping named "Gateway": `tokenledger mappings list` shows them.' });

    const bad = await cli('mappings', 'add', sample, '--name', 'Gateway', '--column', 'colour=team', '--db', db);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain('--column expects ROLE=COLUMN');

    const added = await cli('mappings', 'add', sample, '--name', 'Gateway', '--provider', 'internal-gateway', '--tz', 'Europe/Berlin', '--db', db);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out.split('\n')).toEqual([
      'Saved mapping 1 “Gateway”: files with these 7 columns are now imported with it.',
      '  provider internal-gateway; start=timestamp, model=model, input=prompt_tokens, cache-read=cached_tokens, output=completion_tokens, cost=cost_eur, project=team',
      '  dry run of the sample: 4 rows read, 0 with issues',
    ]);

    const again = await cli('mappings', 'add', sample, '--name', 'Gateway 2', '--db', db);
    expect(again.code).toBe(6);
    expect(again.err).toMatch(/^error: .*gateway-2025-09\.csv is already read by .*: import it as it is, no mapping needed\.$/);

    const refused = await cli('import', other, '--mapping', 'Gateway', '--db', db);
    expect(refused.code).toBe(3);
    expect(refused.err).toBe(`error: ${other} is not a file of the mapping "Gateway" (it is read by: -); the mapping reads files whose header is: ${HEADER.split(',').join(', ')}.`);

    const imported = await cli('import', sample, '--mapping', 'Gateway', '--db', db, '--json');
    expect(imported.code).toBe(0);
    const totals = JSON.parse((await cli('report', '--db', db, '--json')).out) as { totals: { tokens: { input: number; cache_read: number; output: number }; requests: number; spend: Record<string, string> } };
    expect([totals.totals.tokens.input, totals.totals.tokens.cache_read, totals.totals.tokens.output, totals.totals.requests]).toEqual([3300, 5700, 1250, 4]);
    expect(Number(totals.totals.spend.EUR)).toBeCloseTo(0.0405, 9);

    const list = JSON.parse((await cli('mappings', 'list', '--db', db, '--json')).out) as MappingProfile[];
    expect(list.map((m) => [m.id, m.name, m.formatId, m.roles.provider])).toEqual([[1, 'Gateway', 'csv-mapping-1', 'internal-gateway']]);
    const human = (await cli('mappings', 'list', '--db', db)).out.split('\n');
    expect(human[0]).toMatch(/^id\s+name\s+provider\s+columns\s+reads\s+updated$/);
    expect(human[1]).toMatch(/^ 1\s+Gateway\s+internal-gateway\s+7\s+start=timestamp, model=model, .*project=team\s+\d{4}-\d{2}-\d{2}$/);

    expect(await cli('mappings', 'remove', 'Gateway', '--db', db)).toMatchObject({ code: 0, out: 'Removed mapping 1 “Gateway” (the batches it imported stay).' });
    expect((await cli('mappings', 'list', '--db', db)).out).toContain('No column mappings yet.');
  });
});
