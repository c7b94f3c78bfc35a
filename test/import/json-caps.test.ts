/**
 * JSON and JSONL larger than the ledger reads: a JSONL line past 16 MiB (agent lines of several MB are
 * ordinary) and a single JSON document past 64 MiB are row errors naming the file, the line and what to
 * do, under the usual abort / skip choice; the lines around an over-long line are read on with their own
 * numbers. The oversized inputs are generated here, written in blocks, never held whole by the test.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/contract/errors';
import { runCli } from '../../electron/cli/main';
import { MAX_LINE_CHARS } from '../../electron/engine/importers/kit/lines';
import { MAX_JSON_VALUE_CHARS } from '../../electron/engine/importers/kit/json-parse';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '..', 'fixtures', 'exports');
const LINE_MESSAGE =
  'the line is longer than 16 MiB (the most the ledger reads from one line of a log); check that this is the tool\'s log, or import with --on-error skip to leave this line out';

function ledger() {
  const dir = tempDir();
  const db = join(dir, 'ledger.sqlite');
  const cli = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli([...args, '--db', db], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  return { dir, db, cli };
}

/** Writes `head`, then `size` characters of 'x' in 1 MiB blocks, then `tail`. */
function writeWithPadding(path: string, head: string, size: number, tail: string): void {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const block = 'x'.repeat(1024 * 1024);
  for (let left = size; left > 0; left -= block.length) writeSync(fd, left >= block.length ? block : block.slice(0, left));
  writeSync(fd, tail);
  closeSync(fd);
}

/** An agent line carrying a tool result of `size` characters, as valid JSON. */
const toolLine = (size: number) => [`{"type":"user","uuid":"big","timestamp":"2025-09-01T08:20:00.000Z","message":{"role":"user","content":"`, size, `"}}\n`] as const;

describe('a JSONL line longer than the ledger reads', () => {
  it('Claude Code: a 17 MiB line is a row error naming file and line; skip imports every other line, as without it', async () => {
    const lines = readFileSync(join(EXPORTS, 'claude-code-session.jsonl'), 'utf8').trimEnd().split('\n');
    const l = ledger();
    const file = join(l.dir, 'session.jsonl');
    const [head, , tail] = toolLine(MAX_LINE_CHARS + 1024 * 1024);
    writeWithPadding(file, `${lines.slice(0, 3).join('\n')}\n${head}`, MAX_LINE_CHARS + 1024 * 1024, `${tail}${lines.slice(3).join('\n')}\n`);

    const abort = await l.cli('import', file);
    expect(abort.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(abort.err).toBe(`error: 1 row cannot be read; nothing was imported. First: ${file} line 4, $: ${LINE_MESSAGE}`);
    const skip = await l.cli('import', file, '--on-error', 'skip', '--json');
    expect(skip.code).toBe(0);

    const plain = ledger();
    await plain.cli('import', join(EXPORTS, 'claude-code-session.jsonl'));
    const totals = async (x: ReturnType<typeof ledger>) => JSON.parse((await x.cli('report', '--json')).out) as { totals: unknown; factCount: number };
    const [withLine, without] = [await totals(l), await totals(plain)];
    expect(withLine.factCount).toBeGreaterThan(0);
    expect(withLine.totals).toEqual(without.totals);
  });

  it('a line just under the cap is read (agent lines of MBs are ordinary)', async () => {
    const l = ledger();
    const file = join(l.dir, 'session.jsonl');
    const lines = readFileSync(join(EXPORTS, 'claude-code-session.jsonl'), 'utf8').trimEnd().split('\n');
    const [head, , tail] = toolLine(0);
    const size = MAX_LINE_CHARS - head.length - tail.length;
    writeWithPadding(file, `${lines.join('\n')}\n${head}`, size, tail);
    const r = await l.cli('import', file);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').at(-1)).toMatch(/ 0 with errors$/);
  });

  it('Codex: the over-long line is an error, the next line keeps its own number', async () => {
    const dir = join(EXPORTS, 'agents', 'codex', 'sessions', '2025', '09', '08');
    const src = readFileSync(join(dir, 'rollout-2025-09-08T09-14-22-0199289a-ddb0-73da-a642-ffa23b193ed6.jsonl'), 'utf8').trimEnd().split('\n');
    const l = ledger();
    const file = join(l.dir, 'rollout-2025-09-08T09-14-22-0199289a-ddb0-73da-a642-ffa23b193ed6.jsonl');
    writeWithPadding(file, `${src.slice(0, 2).join('\n')}\n{"type":"response_item","payload":{"output":"`, MAX_LINE_CHARS, `"}}\n{"type":"token_count" broken\n${src.slice(2).join('\n')}\n`);
    const r = await l.cli('import', file, '--on-error', 'skip');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`line 3, $: ${LINE_MESSAGE}`);
    expect(r.out).toContain(`line 4, type: expected ',' or '}' after "type"`);
    expect(r.out.split('\n').at(-1)).toMatch(/ 2 with errors$/);
  });
});

describe('a JSON document larger than the ledger reads', () => {
  it('an OpenAI usage page past 64 MiB: an error naming the file, its first line and what to do; nothing imported', async () => {
    const page = readFileSync(join(EXPORTS, 'openai-usage-completions.json'), 'utf8').trimEnd();
    expect(page.endsWith('}')).toBe(true);
    const l = ledger();
    const file = join(l.dir, 'usage.json');
    writeWithPadding(file, `${page.slice(0, -1)},"padding":"`, MAX_JSON_VALUE_CHARS, '"}\n');
    const r = await l.cli('import', file);
    expect(r.code).toBe(EXIT_CODES.BAD_ROWS);
    expect(r.err).toBe(
      `error: 1 row cannot be read; nothing was imported. First: ${file} line 1, $: the JSON document starting on line 1 is larger than 64 MiB (the most the ledger reads as one document); export a shorter period, or in pages, and import those files`,
    );
    expect(JSON.parse((await l.cli('report', '--json')).out)).toMatchObject({ factCount: 0 });
  });
});
