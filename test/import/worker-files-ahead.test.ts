/**
 * A folder of many files through the parser worker, which begins each file while the inserting thread
 * still finishes the one before: every file's counts and the ledger's totals are those of the same
 * import parsed in the inserting thread, and those the generated files hold (a message logged again in
 * a later file counts once; an empty file and a Codex rollout between them keep their own results).
 */
import { once } from 'node:events';
import { cpSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKER_MIN_BYTES } from '../../electron/engine/imports/chunk-source';
import { lastImportStats } from '../../electron/engine/imports/run';
import { importPaths } from '../../electron/engine/imports/service';
import { EXPECTED, fixture, tempLedger, type TestLedger } from './helpers';

const ledgers: TestLedger[] = [];
afterEach(() => {
  for (const l of ledgers.splice(0)) l.close();
  delete process.env.TOKENLEDGER_PARSE_THREAD;
});

const FILES = 12;
const PER_FILE = 2_600;

/** Message `id` of session file `f` with `output` tokens; the padding stands for a reply's text. */
function line(f: number, id: number, output: number): string {
  return JSON.stringify({
    sessionId: `s-${f}`,
    type: 'assistant',
    uuid: `u-${f}-${id}`,
    timestamp: new Date(Date.UTC(2025, 8, 1 + (id % 20), 10, id % 60)).toISOString(),
    cwd: '/home/dev/acme',
    message: { id: `msg_${id}`, model: 'claude-sonnet-4-20250514', content: [{ type: 'text', text: 'x'.repeat(120) }], usage: { input_tokens: 3, output_tokens: output } },
    requestId: `req_${id}`,
  });
}

/** The folder; returns the output tokens it holds once each message is counted once. */
function writeFolder(dir: string): number {
  let output = 0;
  for (let f = 0; f < FILES; f++) {
    const lines: string[] = [];
    for (let i = 0; i < PER_FILE; i++) {
      const id = f * PER_FILE + i;
      lines.push(line(f, id, 1 + (id % 97)));
      output += 1 + (id % 97);
    }
    // The next file opens with this file's last message logged again (counted once, across files).
    if (f + 1 < FILES) lines.push(line(f + 1, (f + 1) * PER_FILE - 1, 1 + (((f + 1) * PER_FILE - 1) % 97)));
    writeFileSync(join(dir, `session-${String(f).padStart(2, '0')}.jsonl`), lines.join('\n') + '\n');
    if (f === 5) writeFileSync(join(dir, `session-${String(f).padStart(2, '0')}-empty.jsonl`), '');
  }
  cpSync(fixture('agents/codex'), join(dir, 'session-07-codex'), { recursive: true });
  return output;
}

async function importFolder(dir: string, thread: 'worker' | 'main') {
  const l = tempLedger();
  ledgers.push(l);
  if (thread === 'main') process.env.TOKENLEDGER_PARSE_THREAD = 'main';
  else delete process.env.TOKENLEDGER_PARSE_THREAD;
  const result = await importPaths(l.engine.ctx, [dir], { onError: 'skip' });
  const threaded = lastImportStats()?.threaded;
  const totals = (await l.api.call('report.totals', {})).totals;
  const files = result.files.map((f) => ({ file: f.file.slice(dir.length), counts: f.counts, issues: f.issueCount }));
  return { threaded, totals, files, counts: result.counts };
}

describe('the parser worker reading the next file ahead', () => {
  it('gives every file and the ledger the same figures as parsing in the inserting thread', async () => {
    const dir = join(tempLedger().dir, 'logs');
    mkdirSync(dir);
    const output = writeFolder(dir);
    const bytes = FILES * statSync(join(dir, 'session-00.jsonl')).size;
    expect(bytes).toBeGreaterThan(WORKER_MIN_BYTES);

    const worker = await importFolder(dir, 'worker');
    const main = await importFolder(dir, 'main');
    expect([worker.threaded, main.threaded]).toEqual([true, false]);
    expect(worker.files).toEqual(main.files);
    expect(worker.totals).toEqual(main.totals);
    // Claude Code's messages once each, the Codex sample's calls beside them, one issue for the empty file.
    expect(worker.counts.duplicate).toBeGreaterThanOrEqual(FILES - 1);
    expect(worker.files.filter((f) => f.issues > 0).map((f) => f.file)).toEqual(['/session-05-empty.jsonl']);
    const claude = worker.files.filter((f) => /session-\d\d\.jsonl$/.test(f.file));
    expect(claude.reduce((n, f) => n + f.counts.new, 0)).toBe(FILES * PER_FILE);
    expect(worker.totals.tokens.output).toBe(output + EXPECTED['agents/codex']!.output);
  });

  it('starts one parser for the import, while its files are identified, and stops it when a file is refused', async () => {
    const dir = join(tempLedger().dir, 'logs');
    mkdirSync(dir);
    writeFolder(dir);
    const started: Worker[] = [];
    const onWorker = (w: Worker) => started.push(w);
    process.on('worker', onWorker);
    try {
      const ok = await importFolder(dir, 'worker');
      expect(ok.threaded).toBe(true);
      expect(started).toHaveLength(1);
      await Promise.all(started.map((w) => (w.threadId < 0 ? null : once(w, 'exit'))));

      writeFileSync(join(dir, 'notes.json'), '{"hello": 1}\n');
      const l = tempLedger();
      ledgers.push(l);
      await expect(importPaths(l.engine.ctx, [dir], { onError: 'skip' })).rejects.toMatchObject({ code: 'UNRECOGNIZED_FILE' });
      expect(started).toHaveLength(2);
      // The refused import's parser ends (a parser left running would keep the CLI from exiting): ended already, or ending.
      if (started[1]!.threadId >= 0) await once(started[1]!, 'exit');
      expect(started[1]!.threadId).toBe(-1);
    } finally {
      process.off('worker', onWorker);
    }
  });
});
