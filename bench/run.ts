/**
 * `npm run bench`: every benchmark, each printing its figures beside a reference measured in the
 * same run (a ratio), never against a number measured elsewhere. Add one: a module in bench/
 * exporting `bench: Bench`, and one line in BENCHES. `npm run bench -- <name>` runs one; arguments
 * starting with `--` are a benchmark's own flags (`npm run bench -- claude-code --full`).
 */
export interface Bench {
  name: string;
  summary: string;
  run(): Promise<void>;
}

/** By name, loaded only when run, so one benchmark's module never stops another's. */
const BENCHES: Record<string, () => Promise<{ bench: Bench }>> = {
  queries: () => import('./queries'),
  'overview-paint': () => import('./overview-paint'),
  forecast: () => import('./forecast-backtest'),
  import: () => import('./import'),
  'cli-start': () => import('./cli-start'),
  rescan: () => import('./rescan'),
  'tips-budgets': () => import('./tips-budgets'),
  'claude-code': () => import('./claude-code'),
  statusline: () => import('./statusline'),
  'team-dims': () => import('./team-dims'),
};

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = only.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const [name, load] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const { bench } = await load();
  console.log(`\n== ${bench.name}: ${bench.summary}`);
  await bench.run();
}
