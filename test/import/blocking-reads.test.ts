/**
 * The parser worker reads files with blocking calls (files.ts blockingChunks), the inserting thread with a
 * stream: a file must give the same chunks (facts, totals, issues, counts) and the same end (sha-256, size,
 * last line, probes) either way, across reads, from an offset, with a BOM, a broken and an unfinished line.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeCodeJsonl } from '../../electron/engine/importers/anthropic/claude-code-jsonl';
import { BUILTIN_PRICING } from '../../electron/engine/imports/normalize';
import { parseChunks, type FileEnd, type ParsedChunk, type ParseJob } from '../../electron/engine/imports/parse';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A Claude Code log of `n` usage lines (a few hundred bytes each), a broken line, and a last line without its newline. */
function log(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      JSON.stringify({
        sessionId: 's-1',
        cwd: '/work/x',
        version: '1.0.98',
        type: 'assistant',
        uuid: `u-${i}`,
        timestamp: new Date(Date.UTC(2025, 8, 1, 0, i % 1440)).toISOString(),
        requestId: `req_${i % (n - 5)}`,
        message: { id: `msg_${i % (n - 5)}`, model: i % 3 ? 'claude-sonnet-4-20250514' : 'claude-3-5-haiku-20241022', content: [{ type: 'text', text: 'ü'.repeat(i % 50) }], usage: { input_tokens: i, cache_read_input_tokens: 2 * i, output_tokens: 7 + i } },
      }),
    );
    if (i === 100) lines.push('{"type": "assistant", broken');
  }
  return '\ufeff' + lines.join('\n') + '\n{"type":"user","sessionId":"s-1"';
}

async function parsed(job: ParseJob, blockingReads: boolean): Promise<{ chunks: ParsedChunk[]; end: FileEnd }> {
  const gen = parseChunks(job, claudeCodeJsonl, { signal: new AbortController().signal, importId: 'i', ledger: BUILTIN_PRICING, chunkFacts: 300, blockingReads });
  const chunks: ParsedChunk[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { chunks, end: r.value };
    chunks.push({ ...r.value, parseMs: 0, normalizeMs: 0 });
  }
}

describe('blocking reads (the parser worker)', () => {
  it('give the chunks and the end a streamed reading gives: a file of several reads, whole and from an offset', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tl-blocking-'));
    const path = join(dir, 's.jsonl');
    writeFileSync(path, log(4000));
    const bytes = statSync(path).size;
    expect(bytes).toBeGreaterThan(3 * 256 * 1024);
    const whole: ParseJob = { path, name: 's.jsonl', bytes, encoding: 'utf-8', delimiter: null, probe: true };
    const streamed = await parsed(whole, false);
    expect(streamed.chunks.reduce((n, c) => n + c.facts.count, 0)).toBe(4000);
    expect(streamed.chunks.reduce((n, c) => n + c.issueCount, 0)).toBe(2);
    expect(await parsed(whole, true)).toEqual(streamed);

    const fromOffset: ParseJob = { ...whole, from: { offset: 300_001, lines: 700 } };
    const rest = await parsed(fromOffset, false);
    expect(rest.end.size).toBe(bytes);
    expect(await parsed(fromOffset, true)).toEqual(rest);
  });
});
