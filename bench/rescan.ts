/**
 * `npm run bench -- rescan`: importing a Claude Code folder again (BENCH_RESCAN_RECORDS records,
 * default 200,000, writeClaudeCodeFolder's layout). Targets: unchanged, under 1 s and nothing new;
 * after 1,000 records appended to 10 files, under 1 s and exactly those 1,000 records new. The
 * reference is the first import of the same folder, in the same run. Each import runs in a child
 * process (its time excludes Node's start); the folder and ledger live in a temp folder.
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtChild, importInChild, writeClaudeCodeFolder, type ChildResult } from './import';
import type { Bench } from './run';

const RECORDS = Number(process.env.BENCH_RESCAN_RECORDS ?? 200_000);
const APPEND_FILES = 10;
const APPEND_PER_FILE = 100;

function jsonlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** `n` new assistant records (ids no earlier record has) for file number `f`. */
function newRecords(f: number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const ts = new Date(Date.UTC(2025, 9, 1, f, 0, i)).toISOString();
    out += `{"parentUuid":null,"isSidechain":false,"type":"assistant","uuid":"rescan-${f}-${i}","timestamp":"${ts}","sessionId":"rescan-${f}","message":{"id":"msg_rescan_${f}_${i}","model":"claude-sonnet-4-20250514","usage":{"input_tokens":3,"cache_read_input_tokens":100,"output_tokens":${10 + i}}},"requestId":"req_rescan_${f}_${i}"}\n`;
  }
  return out;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const counts = (r: ChildResult) => `new ${r.counts.new}, duplicate ${r.counts.duplicate}, revised ${r.counts.revised}, skipped ${r.counts.skipped}`;

export const bench: Bench = {
  name: 'rescan',
  summary: `a ${RECORDS.toLocaleString('en-US')}-record Claude Code folder imported again: unchanged, and after 1,000 records appended to 10 files`,
  async run() {
    const child = await builtChild();
    const dir = mkdtempSync(join(tmpdir(), 'tl-rescan-'));
    try {
      const folder = join(dir, 'projects');
      const nFiles = await writeClaudeCodeFolder(folder, RECORDS);
      const db = join(dir, 'ledger.sqlite');
      const load0 = loadavg()[0]!;
      const first = importInChild(child, db, [folder]);
      console.log(`first import (reference):     ${s(first.ms)}  ${nFiles} files, ${counts(first)}`);
      const unchanged = importInChild(child, db, [folder]);
      const quiet = unchanged.counts.new + unchanged.counts.duplicate + unchanged.counts.revised === 0;
      console.log(`again, unchanged:             ${s(unchanged.ms)}  ${(unchanged.ms / first.ms).toFixed(3)} of the first; ${counts(unchanged)} (target < 1 s, nothing read: ${verdict(unchanged.ms < 1000 && quiet)})`);
      const files = jsonlFiles(folder);
      const step = Math.floor(files.length / APPEND_FILES);
      for (let f = 0; f < APPEND_FILES; f++) appendFileSync(files[f * step]!, newRecords(f, APPEND_PER_FILE));
      const appended = importInChild(child, db, [folder]);
      const want = APPEND_FILES * APPEND_PER_FILE;
      const exact = appended.counts.new === want && appended.counts.duplicate === 0 && appended.counts.revised === 0;
      console.log(`after ${want} records appended to ${APPEND_FILES} files: ${s(appended.ms)}  ${counts(appended)} (target < 1 s and exactly ${want} new: ${verdict(appended.ms < 1000 && exact)})`);
      console.log(`load average: ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (1-minute; ${cpus().length} cores, shared with other processes)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
