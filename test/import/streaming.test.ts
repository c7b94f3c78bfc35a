import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_FACTS } from '../../electron/engine/imports/parse';
import { dumpTables, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

/** A Claude Code log of `n` assistant messages; message 0 is logged again at the end with more output tokens. */
function claudeLog(path: string, n: number): void {
  const line = (i: number, id: number, output: number, minute: number) =>
    JSON.stringify({
      parentUuid: null,
      isSidechain: false,
      userType: 'external',
      cwd: '/work/x',
      sessionId: '3f9a2c1e-7b4d-4e8a-9c2f-6d1e0b5a7c33',
      version: '1.0.98',
      type: 'assistant',
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      timestamp: new Date(Date.UTC(2025, 8, 1, 0, minute)).toISOString(),
      message: {
        id: `msg_${id}`,
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-20250514',
        content: [],
        usage: { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: output, service_tier: 'standard' },
      },
      requestId: `req_${id}`,
    });
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(line(i, i, 100, i % 600));
  lines.push(line(n, 0, 250, 0));
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('a file streamed in chunks', () => {
  it('merges a message logged again several chunks later (the larger record wins), and a preview writes nothing', async () => {
    ledger = tempLedger();
    const n = CHUNK_FACTS * 3 + 17;
    const log = join(ledger.dir, 'session.jsonl');
    claudeLog(log, n);
    const empty = dumpTables(ledger.engine);
    const preview = await ledger.api.call('imports.preview', { paths: [log] });
    expect(preview.counts).toMatchObject({ new: n, duplicate: 1, revised: 0 });
    expect(preview.files[0]!.sample).toHaveLength(20);
    expect(preview.files[0]!.totals[0]).toMatchObject({ facts: n + 1, requests: n + 1 });
    expect(dumpTables(ledger.engine)).toEqual(empty);
    const result = await ledger.api.call('imports.commit', { previewId: preview.previewId });
    expect(result.counts).toMatchObject({ new: n, duplicate: 1, revised: 0 });
    const t = (await ledger.api.call('report.totals', {})).totals;
    expect(t.tokens.output).toBe((n - 1) * 100 + 250);
    expect(t.tokens.input).toBe(n * 10);
    // The merged message keeps the larger record, with its line (the last one of the file).
    expect(ledger.engine.ctx.db.prepare('SELECT output, source_line FROM usage_facts WHERE output <> 100').all()).toEqual([{ output: 250, source_line: n + 1 }]);
    expect(ledger.engine.ctx.db.prepare('SELECT count(*) FROM usage_facts').pluck().get()).toBe(n);
    // Unchanged since: not read again. Rewritten (same lines, the file's time moved): read whole again, all duplicates.
    const again = await ledger.api.call('imports.commit', { paths: [log] });
    expect(again.files[0]).toMatchObject({ unchanged: true, batchId: null, counts: { new: 0, duplicate: 0, revised: 0 } });
    writeFileSync(log, '\n' + readFileSync(log, 'utf8'));
    const rewritten = await ledger.api.call('imports.commit', { paths: [log] });
    expect(rewritten.counts).toMatchObject({ new: 0, duplicate: n + 1, revised: 0 });
  });
});
