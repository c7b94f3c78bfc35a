/**
 * One measured import, in a process of its own so its peak RSS is the import's:
 *   node out/bench/import-child.js <ledger> <path>...        (built by bench/import.ts builtChild; or node --import tsx bench/import-child.ts)
 *   node out/bench/import-child.js <ledger> --agents         (discovery in $HOME, then its import, both timed)
 * prints one JSON line {ms, maxRssMb, counts, files, stats} (stats: where the time went, imports/run.ts ImportStats).
 * The engine is opened as the CLI's `import` opens it (exclusive: a large file may be written once, the ledger taken
 * for itself); with TOKENLEDGER_BENCH_SHARED=1 as the desktop app opens it (the window reads beside the import).
 */
import { readFileSync } from 'node:fs';
import { createEngine } from '../electron/engine';
import { findAgentLogs } from '../electron/engine/imports/agent-logs';
import { processAgentEnv } from '../electron/engine/imports/agent-watch';
import { importPaths } from '../electron/engine/imports/service';
import { lastImportStats } from '../electron/engine/imports/run';

/**
 * This process's own peak RSS in MB. Linux keeps getrusage's ru_maxrss across execve, so a child of a
 * bench process that grew large (the queries bench's 10M facts) would report its parent's peak; the
 * kernel's VmHWM belongs to this process's own address space. Elsewhere ru_maxrss is all there is.
 */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const [dbPath, ...paths] = process.argv.slice(2) as [string, ...string[]];
const engine = createEngine({ dbPath, exclusive: process.env.TOKENLEDGER_BENCH_SHARED !== '1' });
const t0 = performance.now();
const discover = paths[0] === '--agents';
const found = discover ? (await findAgentLogs(processAgentEnv())).locations.flatMap((l) => l.paths) : paths;
const discoveryMs = performance.now() - t0;
const result = await importPaths(engine.ctx, found, { onError: 'abort' });
const ms = performance.now() - t0;
engine.close();
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    ms,
    discoveryMs: discover ? discoveryMs : null,
    maxRssMb: peakRssMb(),
    counts: result.counts,
    files: result.files.length,
    stats: lastImportStats(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    mem: process.memoryUsage(),
  }) + '\n',
);
