/**
 * Import speed: a generated 1,000,000-row OpenRouter Activity CSV (the sample's exact header)
 * and a Claude Code log folder of 200,000 records over many folders and files, each imported end to end
 * (parse, normalize, classify, insert, commit) in a child process whose peak RSS is measured; in the same
 * run the sqlite3 CLI's `.import` of the same CSV into a plain table, and the ratio ours / sqlite3.
 * Then the same CSV again (unchanged: not read), and a copy of it at another path (all duplicates)
 * against the first import's time. And a Codex sessions folder
 * holding as many model calls as the Claude Code folder has records (gen-codex-logs.ts: re-emits,
 * replays, branches and archive copies on top), imported the same way, per record against Claude Code.
 * Targets: ratio <= 3, peak RSS < 300 MB, re-import no slower than the first, Codex per record no
 * slower than Claude Code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ImportStats } from '../electron/engine/imports/run';
import { writeCodexFolder } from './gen-codex-logs';
import type { Bench } from './run';
import { seeded } from '../shared/domain/random';

const ROOT = join(import.meta.dirname, '..');
const CSV_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const CC_RECORDS = Number(process.env.BENCH_IMPORT_CC_RECORDS ?? 200_000);

const rng = seeded;

async function writeLines(path: string, lines: (write: (s: string) => void) => void): Promise<void> {
  const out = createWriteStream(path);
  let buf = '';
  lines((s) => {
    buf += s;
    if (buf.length > 1 << 20) {
      out.write(buf);
      buf = '';
    }
  });
  out.write(buf);
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

const OR_MODELS: Array<[string, string[], number, number]> = [
  // permaslug, hosts, $ per M input, $ per M output
  ['anthropic/claude-4-sonnet-20250522', ['Anthropic', 'Google Vertex', 'Amazon Bedrock'], 3, 15],
  ['openai/gpt-4o-2024-08-06', ['OpenAI', 'Azure'], 2.5, 10],
  ['openai/gpt-4.1-mini-2025-04-14', ['OpenAI'], 0.4, 1.6],
  ['google/gemini-2.5-flash', ['Google AI Studio', 'Google Vertex'], 0.3, 2.5],
  ['deepseek/deepseek-chat-v3-0324', ['DeepSeek', 'Together', 'Fireworks'], 0.27, 1.1],
  ['meta-llama/llama-3.3-70b-instruct', ['Groq', 'Together', 'DeepInfra'], 0.13, 0.39],
  ['qwen/qwen3-coder', ['Alibaba', 'Chutes'], 0.2, 0.8],
  ['mistralai/mistral-large-2411', ['Mistral'], 2, 6],
];
const KEYS = ['cline-laptop', 'ci-runner', 'prod-backend', 'support-bot', 'data-team'];
const APPS = ['Cline', 'Roo Code', 'Aider', '', 'Open WebUI', 'LibreChat'];

export async function writeOpenRouterCsv(path: string, rows: number): Promise<void> {
  const header = readFileSync(join(ROOT, 'test', 'fixtures', 'exports', 'openrouter-activity.csv'), 'utf8').split('\n')[0]!;
  const r = rng(42);
  const t0 = Date.UTC(2025, 5, 1);
  const span = 120 * 86_400_000;
  await writeLines(path, (w) => {
    w(header + '\n');
    for (let i = 0; i < rows; i++) {
      const [slug, hosts, pin, pout] = OR_MODELS[Math.floor(r() * OR_MODELS.length)]!;
      const host = hosts[Math.floor(r() * hosts.length)]!;
      const prompt = 200 + Math.floor(r() * r() * 120_000);
      const cached = r() < 0.6 ? Math.floor(prompt * r() * 0.9) : 0;
      const completion = 20 + Math.floor(r() * r() * 6000);
      const reasoning = r() < 0.2 ? Math.floor(completion * r() * 0.7) : 0;
      const cost = ((prompt - cached) * pin + cached * pin * 0.1 + completion * pout) / 1e6;
      const created = new Date(t0 + Math.floor((i / rows) * span) + Math.floor(r() * 60_000)).toISOString().replace('T', ' ').replace('Z', '');
      const genMs = 300 + Math.floor(r() * 40_000);
      const finish = r() < 0.7 ? ['end_turn', 'stop'] : r() < 0.5 ? ['tool_use', 'tool_calls'] : ['length', 'length'];
      w(
        `gen-${1756714443 + i}-${(i * 2654435761 >>> 0).toString(36).padStart(7, '0')}Xb${(i % 9973).toString(36)},${created},${cost.toFixed(7)},0,${cached ? (-cached * pin * 0.9 / 1e6).toFixed(7) : ''},,0,${prompt},${completion},${reasoning},${cached},${slug},${host},standard,false,true,,${finish[0]},${finish[1]},${genMs},${Math.floor(genMs / 8)},false,${KEYS[i % KEYS.length]},${APPS[Math.floor(r() * APPS.length)]}\n`,
      );
    }
  });
}

const CC_MODELS = ['claude-sonnet-4-20250514', 'claude-opus-4-1-20250805', 'claude-3-5-haiku-20241022'];

/** A Claude Code projects folder: projects/<project>/<session>.jsonl, records like the sample's. */
export async function writeClaudeCodeFolder(dir: string, records: number): Promise<number> {
  const r = rng(7);
  const projects = 20;
  const sessionsPerProject = 10;
  const perFile = Math.ceil(records / (projects * sessionsPerProject));
  let written = 0;
  let files = 0;
  for (let p = 0; p < projects && written < records; p++) {
    const pdir = join(dir, `-Users-dev-project-${p}`, p % 3 === 0 ? 'subagents' : '.');
    mkdirSync(pdir, { recursive: true });
    for (let s = 0; s < sessionsPerProject && written < records; s++) {
      const sessionId = `3f9a2c1e-7b4d-4e8a-${p.toString(16).padStart(4, '0')}-${s.toString(16).padStart(12, '0')}`;
      const n = Math.min(perFile, records - written);
      let t = Date.UTC(2025, 8, 1) + (p * sessionsPerProject + s) * 3_600_000;
      let msg = 0;
      await writeLines(join(pdir, `${sessionId}.jsonl`), (w) => {
        let parent = 'null';
        for (let i = 0; i < n; i++) {
          const uuid = `${sessionId.slice(0, 24)}${(i + 1).toString(16).padStart(12, '0')}`;
          t += 500 + Math.floor(r() * 20_000);
          const ts = new Date(t).toISOString();
          const base = `"parentUuid":${parent},"isSidechain":false,"userType":"external","cwd":"/Users/dev/project-${p}","sessionId":"${sessionId}","version":"1.0.98","gitBranch":"main"`;
          if (i % 3 === 0) {
            w(`{${base},"type":"user","uuid":"${uuid}","timestamp":"${ts}","message":{"role":"user","content":"Continue with step ${i} of the plan"}}\n`);
          } else {
            // A message logged twice (text, then tool_use) shares message id + request id, as Claude Code does.
            if (i % 3 === 1) msg++;
            const id = `msg_01${p.toString(36)}${s.toString(36)}${msg.toString(36).padStart(8, '0')}`;
            const req = `req_011${p.toString(36)}${s.toString(36)}${msg.toString(36).padStart(8, '0')}`;
            const model = CC_MODELS[(p + s) % CC_MODELS.length]!;
            const out = 10 + Math.floor(r() * 2000);
            const cw = Math.floor(r() * 20_000);
            const cr = Math.floor(r() * 90_000);
            w(
              `{${base},"type":"assistant","uuid":"${uuid}","timestamp":"${ts}","message":{"id":"${id}","type":"message","role":"assistant","model":"${model}","content":[{"type":"text","text":"Working on step ${i}."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":${4 + (i % 7)},"cache_creation_input_tokens":${cw},"cache_read_input_tokens":${cr},"cache_creation":{"ephemeral_5m_input_tokens":${cw},"ephemeral_1h_input_tokens":0},"output_tokens":${out},"service_tier":"standard"}},"requestId":"${req}"}\n`,
            );
          }
          parent = `"${uuid}"`;
        }
      });
      written += n;
      files++;
    }
  }
  return files;
}

export interface ChildResult {
  ms: number;
  /** Of `ms`, finding the files (import --agents); null for an import of named paths. */
  discoveryMs: number | null;
  maxRssMb: number;
  counts: { new: number; duplicate: number; revised: number; skipped: number; error: number };
  files: number;
  /** CPU time of the whole process (both threads), ms. */
  cpuMs: number;
  stats: ImportStats | null;
}

/**
 * bench/import-child.ts built as the CLI is (scripts/cli-bundle.mjs buildBenchChild), once per process: the
 * imports are measured as the CLI and the app run them, without tsx transpiling the engine as they start.
 */
export async function builtChild(): Promise<string> {
  const { buildBenchChild } = await import('../scripts/cli-bundle.mjs');
  return (child ??= buildBenchChild());
}
let child: Promise<string> | undefined;

/**
 * `child`: builtChild's; `home`: the child finds the agents' logs in this home folder (`import --agents`), timed with
 * the import; `shared`: the engine opened as the desktop app opens it (import-child.ts), else as the CLI's `import`.
 */
export function importInChild(child: string, db: string, paths: string[], home?: string, shared = false): ChildResult {
  const env = {
    ...process.env,
    ...(home ? { HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: '', XDG_DATA_HOME: '', CLAUDE_CONFIG_DIR: '', CODEX_HOME: '', OPENCODE_DATA_DIR: '' } : {}),
    TOKENLEDGER_BENCH_SHARED: shared ? '1' : '',
  };
  const r = spawnSync(process.execPath, [child, db, ...(home ? ['--agents'] : paths)], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (r.status !== 0) throw new Error(`import child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** JSONL lines under a folder (every file ends in a newline). */
function lineCount(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const buf = readFileSync(join(e.parentPath, e.name));
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  }
  return n;
}

const duBytes = (path: string) => Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);

/** Every dirty page written to disk (sync(1)), so that a timed step does not pay for the writes of the one before. */
function settle(): void {
  execFileSync('sync');
}

function sqliteImport(dir: string, csv: string): number {
  const db = join(dir, 'plain.sqlite');
  const t0 = performance.now();
  execFileSync('sqlite3', [db, '.mode csv', `.import ${csv} activity`], { stdio: 'inherit' });
  const ms = performance.now() - t0;
  rmSync(db, { force: true });
  return ms;
}

/**
 * Where an import's time went: the parser's stages (parse = read + decode + parse + map records; normalize =
 * catalog + price estimate) run in the parser worker, the others in the inserting thread, so the two columns
 * overlap; `waiting` is the inserting thread idle for want of a chunk.
 */
function breakdown(label: string, r: ChildResult): string {
  const s = r.stats;
  if (!s) return `${label}: no figures`;
  const us = (ms: number) => `${((ms * 1000) / Math.max(1, s.rows)).toFixed(1)} µs/fact`;
  const cell = (name: string, ms: number) => `${name} ${f2(ms / 1000)} s (${us(ms)})`;
  return [
    `${label} (${s.threaded ? 'parser worker' : 'one thread'}, ${int(s.rows)} facts, CPU ${f2(r.cpuMs / 1000)} s for ${f2(r.ms / 1000)} s wall):`,
    `  parser thread:    ${cell('parse', s.parseMs)}, ${cell('normalize', s.normalizeMs)}`,
    `  inserting thread: ${cell('classify', s.classifyMs)}, ${cell('insert', s.insertMs)} (${int(s.dimFacts)} through numbered tuples), ${cell('rollups', s.rollupsMs)} (${int(s.summedFacts)} facts added from their sums, ${int(s.earlyRollupDays)} days recomputed while waiting), ${cell('coverage', s.coverageMs)}, ${cell('commit', s.commitMs)}, ${cell('waiting for the parser', s.waitMs)}`,
  ].join('\n');
}

const mb = (bytes: number) => bytes / (1024 * 1024);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

export const bench: Bench = {
  name: 'import',
  summary: `end-to-end import of a ${int(CSV_ROWS)}-row OpenRouter CSV vs sqlite3 .import, and ${int(CC_RECORDS)}-record Claude Code and Codex folders`,
  async run() {
    const child = await builtChild();
    const loadAtStart = loadavg()[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'tokenledger-bench-import-'));
    try {
      const csv = join(dir, 'openrouter-activity.csv');
      await writeOpenRouterCsv(csv, CSV_ROWS);
      const csvBytes = statSync(csv).size;
      // Both agent folders where the tools keep them in a home of their own, found by discovery.
      const ccHome = join(dir, 'cc-home');
      const ccDir = join(ccHome, '.claude', 'projects');
      const ccFiles = await writeClaudeCodeFolder(ccDir, CC_RECORDS);
      const ccBytes = duBytes(ccDir);
      const codexHome = join(dir, 'codex-home');
      const codexDir = join(codexHome, '.codex');
      const codexTruth = writeCodexFolder(codexDir, CC_RECORDS);
      const codexBytes = duBytes(codexDir);
      console.log(`files: CSV ${int(CSV_ROWS)} rows, ${f1(mb(csvBytes))} MB; Claude Code ${int(CC_RECORDS)} records in ${ccFiles} files, ${f1(mb(ccBytes))} MB; Codex ${int(codexTruth.calls)} calls (+${int(codexTruth.trapRows)} rows that must not count) in ${codexTruth.files} files, ${f1(mb(codexBytes))} MB`);

      // sqlite3 first and last, to average out the page cache and machine noise. Each of the three timed
      // imports starts with nothing left to write back: the ~650 MB of files generated just above (and the
      // step before's ledger) were still being written to disk during the first ones, and each commit's
      // fsync waited behind that (our commit 2.5-4.1 s inside the bench vs 1.2-1.4 s alone).
      settle();
      const sqliteA = sqliteImport(dir, csv);
      const db = join(dir, 'ledger.sqlite');
      settle();
      const first = importInChild(child, db, [csv]);
      // The same rows again: a copy at another path (the file itself, unchanged, is not read again).
      const unchanged = importInChild(child, db, [csv]);
      const copy = join(dir, 'copy', 'openrouter-activity.csv');
      mkdirSync(dirname(copy), { recursive: true });
      copyFileSync(csv, copy);
      const again = importInChild(child, db, [copy]);
      // The same first import as the desktop app runs it: the window reads the ledger beside it, so it is written
      // through the WAL (twice: the log, then the checkpoint), never taken for itself as the CLI's import may.
      settle();
      const appDb = join(dir, 'app.sqlite');
      const app = importInChild(child, appDb, [csv], undefined, true);
      for (const f of [appDb, `${appDb}-wal`, `${appDb}-shm`]) rmSync(f, { force: true });
      settle();
      const sqliteB = sqliteImport(dir, csv);
      const sqliteMs = (sqliteA + sqliteB) / 2;
      const ccDb = join(dir, 'cc.sqlite');
      const cc = importInChild(child, ccDb, [], ccHome);
      const codex = importInChild(child, join(dir, 'codex.sqlite'), [], codexHome);

      const ratio = first.ms / sqliteMs;
      console.log(`sqlite3 .import (plain table):    ${f2(sqliteMs / 1000)} s  ${f1(mb(csvBytes) / (sqliteMs / 1000))} MB/s  ${int(CSV_ROWS / (sqliteMs / 1000))} rows/s  (runs: ${f2(sqliteA / 1000)} s, ${f2(sqliteB / 1000)} s)`);
      console.log(`ours, OpenRouter CSV, first:      ${f2(first.ms / 1000)} s  ${f1(mb(csvBytes) / (first.ms / 1000))} MB/s  ${int(CSV_ROWS / (first.ms / 1000))} rows/s  peak RSS ${f1(first.maxRssMb)} MB  (new ${int(first.counts.new)}; as the CLI: ${first.stats?.writtenOnce ? 'written once, the ledger taken for itself' : 'through the WAL'})`);
      console.log(`ours, the same, as the app:       ${f2(app.ms / 1000)} s  ${f1(mb(csvBytes) / (app.ms / 1000))} MB/s  peak RSS ${f1(app.maxRssMb)} MB  (new ${int(app.counts.new)}; ${app.stats?.writtenOnce ? 'written once' : 'through the WAL'}, commit ${f2((app.stats?.commitMs ?? 0) / 1000)} s; ratio ${f2(app.ms / sqliteMs)}, not the target's)`);
      console.log(`ours, same CSV again, unchanged:  ${f2(unchanged.ms / 1000)} s  not read: ${unchanged.counts.new + unchanged.counts.duplicate === 0 ? 'yes' : 'NO'}`);
      console.log(`ours, a copy of it (duplicates):  ${f2(again.ms / 1000)} s  ${f1(mb(csvBytes) / (again.ms / 1000))} MB/s  ${int(CSV_ROWS / (again.ms / 1000))} rows/s  peak RSS ${f1(again.maxRssMb)} MB  (duplicate ${int(again.counts.duplicate)}, new ${int(again.counts.new)})`);
      console.log(`ours, Claude Code folder:          ${f2(cc.ms / 1000)} s  ${f1(mb(ccBytes) / (cc.ms / 1000))} MB/s  ${int(CC_RECORDS / (cc.ms / 1000))} records/s  peak RSS ${f1(cc.maxRssMb)} MB  (discovery ${f2(cc.discoveryMs! / 1000)} s; ${cc.files} files, new ${int(cc.counts.new)}, merged ${int(cc.counts.duplicate)}, skipped ${int(cc.counts.skipped)})`);
      console.log(`ours, Codex folder:                ${f2(codex.ms / 1000)} s  ${f1(mb(codexBytes) / (codex.ms / 1000))} MB/s  ${int(codexTruth.calls / (codex.ms / 1000))} records/s  peak RSS ${f1(codex.maxRssMb)} MB  (discovery ${f2(codex.discoveryMs! / 1000)} s; ${codex.files} files, new ${int(codex.counts.new)}, merged ${int(codex.counts.duplicate)}, skipped ${int(codex.counts.skipped)})`);
      console.log(breakdown('first import, where the time went', first));
      console.log(breakdown('re-import (duplicates), where the time went', again));
      console.log(breakdown('Claude Code folder, where the time went', cc));
      console.log(breakdown('Codex folder, where the time went', codex));
      console.log(`load average: ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (1-minute; ${cpus().length} cores, shared with other processes)`);
      const peak = Math.max(first.maxRssMb, again.maxRssMb, cc.maxRssMb, codex.maxRssMb);
      console.log(`ratio ours/sqlite3: ${f2(ratio)} (target <= 3: ${ratio <= 3 ? 'met' : 'NOT met'})`);
      console.log(`peak RSS: ${f1(peak)} MB (target < 300 MB: ${peak < 300 ? 'met' : 'NOT met'})`);
      console.log(`re-import / first import: ${f2(again.ms / first.ms)} (target <= 1: ${again.ms <= first.ms ? 'met' : 'NOT met'})`);
      if (codex.counts.new !== codexTruth.calls) console.log(`Codex: ${int(codex.counts.new)} new facts, the folder holds ${int(codexTruth.calls)} calls: COUNTS WRONG`);
      // Discovery + import, each folder found in its home as import --agents finds it.
      // A "record" of the Claude Code folder is a JSONL line (a third are prompts, the rest a message
      // logged twice); a Codex call takes about six lines. So the two are compared per line, per model
      // call that lands in the ledger, and per MB, each measured on both folders.
      const per = (label: string, codexN: number, ccN: number, unit: 'µs' | 'ms') => {
        const scale = unit === 'µs' ? 1000 : 1;
        const a = (codex.ms * scale) / codexN;
        const b = (cc.ms * scale) / ccN;
        console.log(`per ${label}: Codex ${f1(a)} ${unit}, Claude Code ${f1(b)} ${unit} (Codex ${int(codexN)}, Claude Code ${int(ccN)}); Codex / Claude Code ${f2(a / b)} (target <= 1: ${a <= b ? 'met' : 'NOT met'})`);
      };
      per('record (JSONL line)', lineCount(codexDir), lineCount(ccDir), 'µs');
      per('model call counted', codex.counts.new, cc.counts.new, 'µs');
      per('MB', mb(codexBytes), mb(ccBytes), 'ms');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
