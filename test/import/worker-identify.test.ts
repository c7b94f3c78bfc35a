/**
 * An import big enough for the parser worker has its files identified there (the built-in formats) while
 * the inserting thread imports each file as soon as its answer is in. What the user sees must be what the
 * same import identified in the inserting thread says (TOKENLEDGER_PARSE_THREAD=main, every file identified
 * before the run): a saved column mapping still reads only the files no built-in format claims, a
 * built-in format still wins over a mapping for its own files, and refused files refuse the whole import
 * with the same error (every refused file named, in order), even when found after files already written:
 * the ledger is left as it was.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MappingRoles } from '../../shared/contract/api/mappings';
import { headFromBytes } from '../../electron/engine/importers/kit/decode';
import { WORKER_MIN_BYTES } from '../../electron/engine/imports/chunk-source';
import { saveMappingProfile } from '../../electron/engine/imports/mappings/store';
import { importersWithProfiles } from '../../electron/engine/imports/mappings/service';
import { lastImportStats } from '../../electron/engine/imports/run';
import { importPaths } from '../../electron/engine/imports/service';
import { dumpTables, fixture, tempLedger, type TestLedger } from './helpers';

const ledgers: TestLedger[] = [];
afterEach(() => {
  for (const l of ledgers.splice(0)) l.close();
  delete process.env.TOKENLEDGER_PARSE_THREAD;
});

const FILES = 12;
const PER_FILE = 2_600;

function line(f: number, id: number): string {
  return JSON.stringify({
    sessionId: `s-${f}`,
    type: 'assistant',
    uuid: `u-${f}-${id}`,
    timestamp: new Date(Date.UTC(2025, 8, 1 + (id % 20), 10, id % 60)).toISOString(),
    cwd: '/home/dev/acme',
    message: { id: `msg_${id}`, model: 'claude-sonnet-4-20250514', content: [{ type: 'text', text: 'x'.repeat(120) }], usage: { input_tokens: 3, output_tokens: 1 + (id % 97) } },
    requestId: `req_${id}`,
  });
}

const GATEWAY_HEADER = 'timestamp,model,prompt_tokens,cached_tokens,completion_tokens,cost_eur,team';
const GATEWAY = [GATEWAY_HEADER, '2025-09-01 09:15:00,gpt-4o,1200,200,300,0.0125,search', '2025-09-02 23:30:00,claude-sonnet-4,5000,4000,700,0.021,support'].join('\n');

const gatewayRoles: MappingRoles = {
  time: { start: 'timestamp', end: null, format: 'iso', timeZone: 'UTC', granularity: 'request' },
  provider: 'internal-gateway',
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
};

/** Session logs over WORKER_MIN_BYTES, and `extra` files (name -> text, or a fixture to copy) among them. */
function folder(extra: Record<string, string | { copy: string }>): string {
  const dir = join(tempLedger().dir, 'logs');
  mkdirSync(dir);
  for (let f = 0; f < FILES; f++) {
    const lines = Array.from({ length: PER_FILE }, (_, i) => line(f, f * PER_FILE + i));
    writeFileSync(join(dir, `session-${String(f).padStart(2, '0')}.jsonl`), lines.join('\n') + '\n');
  }
  for (const [name, content] of Object.entries(extra)) {
    if (typeof content === 'string') writeFileSync(join(dir, name), content);
    else copyFileSync(content.copy, join(dir, name));
  }
  expect(FILES * statSync(join(dir, 'session-00.jsonl')).size).toBeGreaterThan(WORKER_MIN_BYTES);
  return dir;
}

/** A ledger with the gateway's mapping profile, and one claiming OpenRouter's activity header (stored behind the service's back). */
function ledgerWithProfiles(): TestLedger {
  const l = tempLedger();
  ledgers.push(l);
  const db = l.engine.ctx.db;
  saveMappingProfile(db, { name: 'Internal gateway', header: GATEWAY_HEADER.split(','), delimiter: ',', roles: gatewayRoles }, l.engine.ctx.now());
  const openrouter = headFromBytes('openrouter-activity.csv', readFileSync(fixture('openrouter-activity.csv'))).csvHeader!;
  const shadow: MappingRoles = {
    ...gatewayRoles,
    provider: 'not-openrouter',
    model: 'model_permaslug',
    time: { ...gatewayRoles.time, start: 'created_at' },
    tokens: { input: 'tokens_prompt', inputIncludesCached: false, cacheRead: null, cacheWrite: null, output: 'tokens_completion', reasoning: null },
    cost: 'cost_total',
    currency: 'USD',
    project: null,
    identity: ['generation_id'],
  };
  saveMappingProfile(db, { name: 'Shadow', header: openrouter, delimiter: ',', roles: shadow }, l.engine.ctx.now());
  return l;
}

async function importAs(thread: 'worker' | 'main', dir: string) {
  const l = ledgerWithProfiles();
  if (thread === 'main') process.env.TOKENLEDGER_PARSE_THREAD = 'main';
  else delete process.env.TOKENLEDGER_PARSE_THREAD;
  const before = dumpTables(l.engine);
  const outcome = await importPaths(l.engine.ctx, [dir], { onError: 'skip', importers: importersWithProfiles(l.engine.ctx.db) }).then(
    (r) => ({ files: r.files.map((f) => ({ file: f.file.slice(dir.length), format: f.format, counts: f.counts, totals: f.totals })), counts: r.counts }),
    (e: { code?: string; message?: string; details?: unknown }) => ({ code: e.code, message: e.message?.replaceAll(dir, '<dir>'), details: JSON.parse(JSON.stringify(e.details ?? null).replaceAll(dir, '<dir>')) as unknown }),
  );
  const unchanged = isDeepStrictEqual(dumpTables(l.engine), before);
  return { outcome, unchanged, workerIdentified: lastImportStats()?.workerIdentified };
}

describe('files identified by the parser worker', () => {
  it('gives a saved mapping only the files no built-in format claims, as identification in the inserting thread does', async () => {
    const dir = folder({ 'gateway.csv': GATEWAY, 'openrouter.csv': { copy: fixture('openrouter-activity.csv') }, 'session-05-empty.jsonl': '' });
    const worker = await importAs('worker', dir);
    const main = await importAs('main', dir);
    expect([worker.workerIdentified, main.workerIdentified]).toEqual([true, false]);
    expect(worker.outcome).toEqual(main.outcome);
    const formats = 'files' in worker.outcome ? Object.fromEntries(worker.outcome.files.map((f) => [f.file, f.format])) : {};
    expect(formats['/gateway.csv']).toBe('csv-mapping-1');
    expect(formats['/openrouter.csv']).toBe('openrouter-activity-csv');
    expect(formats['/session-05-empty.jsonl']).toBe('empty');
    expect(formats['/session-11.jsonl']).toBe('claude-code-jsonl');
    expect([worker.unchanged, main.unchanged]).toEqual([false, false]);
  });

  it('refuses the import with the same error, naming every refused file, and writes nothing, even when the refused files come last', async () => {
    const dir = folder({
      // After every session log: refused once the logs were written in the run's transaction.
      'zz-notes.json': '{"hello": 1}\n',
      'zz-other-gateway.csv': GATEWAY.replace('cost_eur', 'cost_usd'),
      'gateway.csv': GATEWAY,
    });
    const worker = await importAs('worker', dir);
    const main = await importAs('main', dir);
    expect(worker.workerIdentified).toBe(true);
    expect(worker.outcome).toEqual(main.outcome);
    expect(worker.outcome).toMatchObject({ code: 'UNRECOGNIZED_FILE' });
    const refused = (worker.outcome as { details: { refused: Array<{ file: string; closest?: string }> } }).details.refused;
    expect(refused.map((r) => r.file)).toEqual(['<dir>/zz-notes.json', '<dir>/zz-other-gateway.csv']);
    // The other gateway export's closest format is the saved mapping (identified with every format, not only the built-in ones).
    expect(refused[1]!.closest).toBe('csv-mapping-1');
    expect((worker.outcome as { message: string }).message).toMatch(/^<dir>\/zz-notes\.json: .*\(and 1 more/);
    expect([worker.unchanged, main.unchanged]).toEqual([true, true]);
  });
});
