/**
 * `npm run bench -- statusline`: `tokenledger statusline` as Claude Code runs it (the real binary, its
 * status JSON on stdin) on a warm ledger of BENCH_STATUSLINE_CALLS Claude Code calls (default 50,000: a
 * month of working days, the day's usage running on with no five-hour gap, a block active at the
 * instant). Beside it, in the same rounds, `node -e 0` (the reference: a bare Node start). Target: under
 * 100 ms at low load, warm (the figures kept beside the ledger answer). Also the line computed from the
 * ledger (the kept file removed before each run), the same command in a ledger whose zone is not UTC
 * (Intl's first use), and a few runs of the full CLI's path (`--json` declines the quick entry).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../shared/contract/client';
import { createEngine } from '../electron/engine';
import type { Bench } from './run';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'tokenledger.mjs');
const CALLS = Number(process.env.BENCH_STATUSLINE_CALLS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_STATUSLINE_ROUNDS ?? 15);
const NOW = '2025-10-20T15:00:00.000Z';
const DAYS = 30;
const STATUS_JSON = JSON.stringify({ hook_event_name: 'Status', session_id: 'bench-day-29', model: { id: 'claude-sonnet-4-20250514', display_name: 'Sonnet 4' }, workspace: { current_dir: '/tmp' }, version: '1.0.98' });

/** One Claude Code session file per day, calls every few seconds from 08:00 UTC; the last day stops 10 minutes before NOW. */
function writeLogs(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const perDay = Math.ceil(CALLS / DAYS);
  const last = Date.parse(NOW) - 10 * 60_000;
  let written = 0;
  for (let d = 0; d < DAYS && written < CALLS; d++) {
    const dayStart = Date.parse(NOW) - (DAYS - 1 - d) * 86_400_000;
    const from = Date.UTC(new Date(dayStart).getUTCFullYear(), new Date(dayStart).getUTCMonth(), new Date(dayStart).getUTCDate(), 8);
    const step = Math.floor((last - Date.UTC(2025, 9, 20, 8)) / perDay);
    const lines: string[] = [];
    for (let i = 0; i < perDay && written < CALLS; i++, written++) {
      const ts = new Date(from + i * step).toISOString();
      lines.push(
        `{"parentUuid":null,"isSidechain":false,"type":"assistant","uuid":"u-${d}-${i}","timestamp":"${ts}","sessionId":"bench-day-${d}","cwd":"/tmp/p${d % 3}","message":{"id":"msg_${d}_${i}","model":"claude-sonnet-4-20250514","usage":{"input_tokens":${5 + (i % 7)},"cache_creation_input_tokens":${(i * 37) % 5000},"cache_read_input_tokens":${(i * 101) % 60000},"output_tokens":${20 + ((i * 13) % 900)}}},"requestId":"req_${d}_${i}"}`,
      );
    }
    writeFileSync(join(dir, `bench-day-${d}.jsonl`), lines.join('\n') + '\n');
  }
}

function run(args: string[], input?: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, TOKENLEDGER_NOW: NOW } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

/**
 * Median of ROUNDS runs of the status line, each beside a `node -e 0`: warm (the kept figures answer), or
 * `computed` (the kept file removed before each run: the ledger is read).
 */
function rounds(db: string, computed = false): { node: number; line: number } {
  const node: number[] = [];
  const line: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    node.push(run(['-e', '0']));
    if (computed) rmSync(`${db}.statusline.json`, { force: true });
    line.push(run([BIN, 'statusline', '--db', db], STATUS_JSON));
  }
  return { node: median(node), line: median(line) };
}

async function setZone(db: string, timeZone: string): Promise<void> {
  const engine = createEngine({ dbPath: db, now: () => Date.parse(NOW) });
  try {
    await createClient({ invoke: (m, i) => engine.dispatch(m, i) }).call('settings.update', { timeZone });
  } finally {
    engine.close();
  }
}

export const bench: Bench = {
  name: 'statusline',
  summary: `\`tokenledger statusline\` (stdin JSON) on a warm ledger of ${CALLS.toLocaleString('en-US')} calls vs \`node -e 0\` (target < 100 ms at low load)`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'tl-statusline-'));
    try {
      const db = join(dir, 'ledger.sqlite');
      writeLogs(join(dir, 'logs'));
      const engine = createEngine({ dbPath: db, now: () => Date.parse(NOW) });
      try {
        const client = createClient({ invoke: (m, i) => engine.dispatch(m, i) });
        const r = await client.call('imports.commit', { paths: [join(dir, 'logs')] });
        await client.call('settings.update', { timeZone: 'UTC' });
        console.log(`ledger: ${r.counts.new.toLocaleString('en-US')} calls over ${DAYS} days; the status line at ${NOW}:`);
      } finally {
        engine.close();
      }
      // Warm: the bundle built, Node's compile cache and the page cache filled.
      for (let i = 0; i < 3; i++) run([BIN, 'statusline', '--db', db], STATUS_JSON);
      console.log(`  ${spawnSync(process.execPath, [BIN, 'statusline', '--db', db], { input: STATUS_JSON, encoding: 'utf8', env: { ...process.env, TOKENLEDGER_NOW: NOW } }).stdout.trim()}`);
      const load0 = loadavg()[0]!;
      const utc = rounds(db);
      const computed = rounds(db, true);
      await setZone(db, 'Europe/Berlin');
      run([BIN, 'statusline', '--db', db], STATUS_JSON);
      const berlin = rounds(db);
      const full = [0, 1, 2, 3, 4].map(() => run([BIN, 'statusline', '--db', db, '--json'], STATUS_JSON));
      const verdict = utc.line < 100 ? '' : '  MISSED';
      console.log(`node -e 0 (reference)                 ${ms(utc.node)}  (median of ${ROUNDS})`);
      console.log(`statusline, ledger zone UTC           ${ms(utc.line)}  ${(utc.line / utc.node).toFixed(2)}x node, +${ms(utc.line - utc.node)} (target < 100 ms)${verdict}`);
      console.log(`node -e 0 (reference, second series)  ${ms(computed.node)}`);
      console.log(`statusline, computed (no kept file)   ${ms(computed.line)}  ${(computed.line / computed.node).toFixed(2)}x node, +${ms(computed.line - computed.node)} (the ledger read: after a change)`);
      console.log(`node -e 0 (reference, third series)   ${ms(berlin.node)}`);
      console.log(`statusline, ledger zone Europe/Berlin ${ms(berlin.line)}  ${(berlin.line / berlin.node).toFixed(2)}x node, +${ms(berlin.line - berlin.node)} (Intl's first use)`);
      console.log(`statusline --json (the full CLI)      ${ms(median(full))}  (median of 5)`);
      console.log(`load average: ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (1-minute; ${cpus().length} cores, shared with other processes)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
