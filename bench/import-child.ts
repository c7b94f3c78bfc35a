/**
 * One measured import, in a process of its own so its peak RSS is the import's:
 *   node --import tsx bench/import-child.ts <ledger> <path>...
 *   node --import tsx bench/import-child.ts <ledger> --agents    (discovery in $HOME, then its import, both timed)
 * prints one JSON line {ms, maxRssMb, counts, files, stats} (stats: where the time went, imports/run.ts ImportStats).
 */
import { createEngine } from '../electron/engine';
import { findAgentLogs } from '../electron/engine/imports/agent-logs';
import { processAgentEnv } from '../electron/engine/imports/agent-watch';
import { importPaths } from '../electron/engine/imports/service';
import { lastImportStats } from '../electron/engine/imports/run';

const [dbPath, ...paths] = process.argv.slice(2) as [string, ...string[]];
const engine = createEngine({ dbPath });
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
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    counts: result.counts,
    files: result.files.length,
    stats: lastImportStats(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    mem: process.memoryUsage(),
  }) + '\n',
);
