/**
 * `npm run bench -- claude-code [--full]`: a Claude Code projects folder (bench/gen_claude_logs.py: records
 * across sessions and models, ~3 % logged twice) read by ours, `tokenledger import --agents --yes` then
 * `tokenledger report --json --bucket day`, against ccusage 18.0.11 `daily --json --offline` on the same
 * folder, in the same run. Both find the folder through CLAUDE_CONFIG_DIR and count days in UTC. The tokens
 * of every day must be equal (and equal to the generator's totals); cost is printed beside, not compared
 * (the two price books may differ). Targets: ours >= 5x faster, peak RSS < 300 MB.
 *
 * 20,000 records by default; `--full` (or BENCH_CLAUDE_RECORDS) for the 200,000 of the target. ccusage is
 * installed with npm into a temp folder first (not timed); without the npm registry the bench prints
 * "reference unavailable" and still measures ours.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './run';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'tokenledger.mjs');
const CCUSAGE = 'ccusage@18.0.11';
const RECORDS = Number(process.env.BENCH_CLAUDE_RECORDS ?? (process.argv.includes('--full') ? 200_000 : 20_000));
const TIME = '/usr/bin/time';

interface DayTokens {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

interface Run {
  ms: number;
  /** Peak RSS of the largest process of the run, MB (null when /usr/bin/time is missing). */
  rssMb: number | null;
  stdout: string;
}

/** Runs a command, timed (wall) and with its peak RSS from GNU time's %M. */
function measured(cmd: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const withTime = existsSync(TIME);
  const t0 = performance.now();
  const r = spawnSync(withTime ? TIME : cmd, withTime ? ['-f', 'tl-bench-maxrss=%M', cmd, ...args] : args, { env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const kb = /tl-bench-maxrss=(\d+)/.exec(r.stderr ?? '');
  return { ms, rssMb: kb ? Number(kb[1]) / 1024 : null, stdout: r.stdout };
}

/** Installs ccusage into `dir` with npm; the path of its entry, or null when the registry cannot be reached. */
function installCcusage(dir: string): string | null {
  try {
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, CCUSAGE], { stdio: 'pipe', timeout: 180_000 });
  } catch (e) {
    console.log(`reference unavailable: npm could not install ${CCUSAGE} (${(e as Error).message.split('\n')[0]})`);
    return null;
  }
  const entry = join(dir, 'node_modules', 'ccusage', 'dist', 'index.js');
  return existsSync(entry) ? entry : null;
}

const sumDays = (days: Map<string, DayTokens>) =>
  [...days.values()].reduce((a, d) => ({ input: a.input + d.input, output: a.output + d.output, cacheWrite: a.cacheWrite + d.cacheWrite, cacheRead: a.cacheRead + d.cacheRead }), {
    input: 0,
    output: 0,
    cacheWrite: 0,
    cacheRead: 0,
  });

/** The days on which two readings differ, as text (empty when every day is equal). */
function differences(a: Map<string, DayTokens>, b: Map<string, DayTokens>): string[] {
  const out: string[] = [];
  for (const day of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = JSON.stringify(a.get(day) ?? null);
    const y = JSON.stringify(b.get(day) ?? null);
    if (x !== y) out.push(`${day}: ours ${x} vs ccusage ${y}`);
  }
  return out;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);

export const bench: Bench = {
  name: 'claude-code',
  summary: `a ${RECORDS.toLocaleString('en-US')}-record Claude Code folder: tokenledger import + report vs ${CCUSAGE} daily --json --offline, same totals`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'tl-claude-code-'));
    try {
      const config = join(dir, 'claude');
      const home = join(dir, 'home');
      mkdirSync(home);
      const truth = JSON.parse(execFileSync('python3', [join(ROOT, 'bench', 'gen_claude_logs.py'), config, String(RECORDS)], { encoding: 'utf8' })) as Record<string, number>;
      const bytes = Number(execFileSync('du', ['-sb', config], { encoding: 'utf8' }).split('\t')[0]);
      console.log(`folder: ${RECORDS.toLocaleString('en-US')} records (+~3 % logged twice), ${(bytes / 1e6).toFixed(1)} MB`);
      const entry = installCcusage(join(dir, 'ccusage'));
      // Only the generated folder: no other logs of this machine's user, days in UTC for both tools.
      const env = { ...process.env, HOME: home, USERPROFILE: home, CLAUDE_CONFIG_DIR: config, XDG_CONFIG_HOME: '', XDG_DATA_HOME: '', CODEX_HOME: '', OPENCODE_DATA_DIR: '', TZ: 'UTC' };
      const db = join(dir, 'ledger.sqlite');
      // Builds the CLI bundle if stale and warms Node's compile cache, untimed.
      measured(process.execPath, [BIN, '--help'], env);

      const load0 = loadavg()[0]!;
      const imported = measured(process.execPath, [BIN, 'import', '--agents', '--yes', '--json', '--db', db], env);
      const reported = measured(process.execPath, [BIN, 'report', '--json', '--bucket', 'day', '--tz', 'UTC', '--db', db], env);
      const ref = entry ? measured(process.execPath, [entry, 'daily', '--json', '--offline'], env) : null;
      const load1 = loadavg()[0]!;

      type OurRow = { bucket: string; tokens: { input: number; output: number; cache_read: number; cache_write_5m: number; cache_write_1h: number }; spend: Record<string, string> };
      const ourReport = JSON.parse(reported.stdout) as { rows: OurRow[]; totals: { spend: Record<string, string> } };
      const ours = new Map(ourReport.rows.map((r) => [r.bucket, { input: r.tokens.input, output: r.tokens.output, cacheWrite: r.tokens.cache_write_5m + r.tokens.cache_write_1h, cacheRead: r.tokens.cache_read }]));
      const oursMs = imported.ms + reported.ms;
      const oursRss = imported.rssMb === null || reported.rssMb === null ? null : Math.max(imported.rssMb, reported.rssMb);
      const t = sumDays(ours);
      const truthOk = t.input === truth.input && t.output === truth.output && t.cacheWrite === truth.cache_write && t.cacheRead === truth.cache_read;
      console.log(`ours: import ${s(imported.ms)} + report ${s(reported.ms)} = ${s(oursMs)}, peak RSS ${mb(oursRss)}, ${ours.size} days, cost ${JSON.stringify(ourReport.totals.spend)}`);
      console.log(`ours vs the generator's totals: ${truthOk ? 'equal' : `DIFFERENT: ours ${JSON.stringify(t)} vs ${JSON.stringify(truth)}`}`);
      if (ref) {
        type CcDay = { date: string; inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number };
        const cc = JSON.parse(ref.stdout) as { daily: CcDay[]; totals: { totalCost: number } };
        const theirs = new Map(cc.daily.map((d) => [d.date, { input: d.inputTokens, output: d.outputTokens, cacheWrite: d.cacheCreationTokens, cacheRead: d.cacheReadTokens }]));
        const diff = differences(ours, theirs);
        console.log(`${CCUSAGE} daily --json --offline (reference): ${s(ref.ms)}, peak RSS ${mb(ref.rssMb)}, ${theirs.size} days, cost ${cc.totals.totalCost.toFixed(2)} USD`);
        console.log(`tokens per day: ${diff.length === 0 ? 'equal on every day' : `DIFFERENT on ${diff.length} days:\n  ${diff.slice(0, 5).join('\n  ')}`}`);
        if (diff.length > 0) process.exitCode = 1;
        const ratio = ref.ms / oursMs;
        console.log(`ours is ${ratio.toFixed(2)}x faster than ccusage (target >= 5x: ${ratio >= 5 ? 'met' : 'NOT met'}); peak RSS ${mb(oursRss)} (target < 300 MB: ${oursRss !== null && oursRss < 300 ? 'met' : 'NOT met'})`);
      } else {
        console.log(`reference unavailable; peak RSS ${mb(oursRss)} (target < 300 MB: ${oursRss !== null && oursRss < 300 ? 'met' : 'NOT met'})`);
      }
      console.log(`load average: ${load0.toFixed(2)} at the start, ${load1.toFixed(2)} at the end (1-minute; ${cpus().length} cores, shared with other processes)`);
      if (!truthOk) process.exitCode = 1;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
