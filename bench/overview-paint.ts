/**
 * `npm run bench -- overview-paint`: the renderer's Overview first full paint in Chromium (target:
 * under 1.5 s) against a large synthetic ledger, beside the same paint against an empty-ish demo ledger
 * measured in the same run. Needs the built renderer (`npx electron-vite build`) and /usr/bin/chromium.
 *
 * The ledger: BENCH_PAINT_DB if set; else BENCH_DB_DIR/ledger-<BENCH_PAINT_FACTS>.sqlite (the files
 * `npm run bench -- queries` keeps with BENCH_DB_DIR), generated there when missing (default 1M facts).
 * "Full paint": the spend figure, the regions table and the daily chart's bars are on screen, after the
 * next animation frame.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './run';
import { buildLedger } from './queries';

/**
 * The served engine runs at a fixed instant, as in the e2e tests (the harness refuses the wall clock): the
 * suite's, unless TOKENLEDGER_NOW says otherwise. The harness is loaded once that is set.
 */
process.env.TOKENLEDGER_NOW ??= '2025-10-20T15:00:00Z';
const harness = () => import('../test/e2e/harness');

async function paint(dbPath: string, extra: string[] = [], runs = 3): Promise<{ best: number; first: number; all: number[]; facts: string }> {
  const { launch, newPage, serve } = await harness();
  const server = await serve(dbPath, extra);
  const browser = await launch();
  try {
    const times: number[] = [];
    let facts = '';
    for (let i = 0; i < runs; i++) {
      const page = await newPage(browser);
      const t0 = performance.now();
      await page.goto(server.url);
      await page.getByTestId('spend-display').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="regions"] tbody tr').first().waitFor();
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      times.push(performance.now() - t0);
      facts = await page.getByTestId('requests').innerText();
      // The Overview's other cards (tips) keep the engine busy after the paint: let them finish, so the
      // next run does not queue behind them.
      await page.getByRole('heading', { name: /^Top tips for/ }).waitFor({ timeout: 600_000 });
      await page.context().close();
    }
    return { best: Math.min(...times), first: times[0]!, all: times, facts };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export const bench: Bench = {
  name: 'overview-paint',
  summary: 'Overview first full paint in Chromium with a large ledger, beside the demo ledger in the same run',
  async run() {
    const n = Number(process.env.BENCH_PAINT_FACTS ?? 1_000_000);
    const dir = process.env.BENCH_DB_DIR ?? mkdtempSync(join(tmpdir(), 'tokenledger-paint-'));
    const dbPath = process.env.BENCH_PAINT_DB ?? join(dir, `ledger-${n}.sqlite`);
    try {
      if (!existsSync(dbPath)) {
        const t = buildLedger(dbPath, n);
        console.log(`  generated ${n.toLocaleString('en-US')} facts in ${((t.gen.ms + t.roll.ms) / 1000).toFixed(1)} s`);
      }
      const demoDir = mkdtempSync(join(tmpdir(), 'tokenledger-paint-demo-'));
      try {
        const small = await paint(join(demoDir, 'ledger.sqlite'), ['--demo']);
        const large = await paint(dbPath);
        console.log(`  ${dbPath}: first paint ${large.first.toFixed(0)} ms (cold), best of 3 ${large.best.toFixed(0)} ms (runs: ${large.all.map((t) => t.toFixed(0)).join(', ')} ms); target < 1500 ms (${large.facts} requests shown)`);
        console.log(`  demo ledger (about 150 facts): first ${small.first.toFixed(0)} ms, best ${small.best.toFixed(0)} ms; large / demo ${(large.best / small.best).toFixed(2)}x`);
      } finally {
        rmSync(demoDir, { recursive: true, force: true });
      }
    } finally {
      if (!process.env.BENCH_DB_DIR && !process.env.BENCH_PAINT_DB) rmSync(dir, { recursive: true, force: true });
    }
  },
};
