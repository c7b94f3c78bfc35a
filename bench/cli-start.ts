/**
 * `npm run bench -- cli-start`: how long the `tokenledger` binary takes, beside a bare `node -e 0`
 * measured in the same rounds (targets: `--help` within 2x of it; `report --json` on the demo ledger
 * under 300 ms wall). The runs alternate (node, --help, report) so load on the machine hits each alike;
 * medians are printed. For comparison, a few runs of the same commands through tsx (the sources
 * transpiled at launch, as the CLI ran before it was bundled).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './run';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'tokenledger.mjs');
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 15);

function wall(args: string[]): number {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (res.status !== 0) throw new Error(`node ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

function viaTsx(argv: string[]): string[] {
  const main = JSON.stringify(join(ROOT, 'electron', 'cli', 'main.ts'));
  return ['--import', 'tsx', '-e', `import(${main}).then(async (m) => { process.exitCode = await m.runCli(${JSON.stringify(argv)}); })`];
}

export const bench: Bench = {
  name: 'cli-start',
  summary: '`tokenledger --help` vs `node -e 0`, and `report --json` on the demo ledger (built CLI)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'tl-cli-start-'));
    try {
      const db = join(dir, 'demo.sqlite');
      // Builds the bundle if it is missing or stale, and warms Node's compile cache; then the demo ledger.
      wall([BIN, '--help']);
      wall([BIN, 'demo', '--db', db, '--json']);
      const load0 = loadavg()[0]!;
      const node: number[] = [];
      const help: number[] = [];
      const report: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        node.push(wall(['-e', '0']));
        help.push(wall([BIN, '--help']));
        report.push(wall([BIN, 'report', '--json', '--db', db]));
      }
      const tsxHelp = [0, 1].map(() => wall(viaTsx(['--help'])));
      const tsxReport = [0, 1].map(() => wall(viaTsx(['report', '--json', '--db', db])));
      const n = median(node);
      const h = median(help);
      const r = median(report);
      console.log(`node -e 0 (reference)            ${ms(n)}  (median of ${ROUNDS})`);
      console.log(`tokenledger --help               ${ms(h)}  ${(h / n).toFixed(2)}x node (target <= 2x)${h / n <= 2 ? '' : '  MISSED'}`);
      console.log(`tokenledger report --json (demo) ${ms(r)}  (target < 300 ms)${r < 300 ? '' : '  MISSED'}`);
      console.log(`through tsx, as before bundling: --help ${ms(Math.min(...tsxHelp))}, report --json ${ms(Math.min(...tsxReport))} (best of 2)`);
      console.log(`load average: ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (1-minute; ${cpus().length} cores, shared with other processes)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
