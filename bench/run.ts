/**
 * `npm run bench`: every benchmark, each printing its figures beside a reference measured in the
 * same run (a ratio), never against a number measured elsewhere. Add one: a module in bench/
 * exporting `bench: Bench`, and one line in BENCHES. `npm run bench -- <name>` runs one.
 */
export interface Bench {
  name: string;
  summary: string;
  run(): Promise<void>;
}

const BENCHES: (() => Promise<{ bench: Bench }>)[] = [];

const only = process.argv.slice(2);
for (const load of BENCHES) {
  const { bench } = await load();
  if (only.length > 0 && !only.includes(bench.name)) continue;
  console.log(`\n== ${bench.name}: ${bench.summary}`);
  await bench.run();
}
if (BENCHES.length === 0) console.log('No benchmarks registered.');
