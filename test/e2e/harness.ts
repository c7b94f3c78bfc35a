/// <reference lib="dom" />
/**
 * End-to-end harness: the real CLI's `serve` on a temporary database, Debian's Chromium driven by
 * playwright-core, screenshots under artifacts/e2e/ (ignored by git, kept by CI as artifacts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The instant every served engine, CLI run and page runs at (TOKENLEDGER_NOW, set for the whole suite
 * in vitest.config.mts and inherited by the child processes): never the wall clock.
 */
export const NOW = (() => {
  const at = Date.parse(process.env.TOKENLEDGER_NOW ?? '');
  if (Number.isNaN(at)) throw new Error('TOKENLEDGER_NOW is not set: run the e2e tests through vitest (vitest.config.mts sets it).');
  return at;
})();

export interface Served {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` (npm run test:e2e does it first).');
  }
}

/** Start `tokenledger serve --json` and wait for the URL it prints. */
export async function serve(dbPath: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  assertBuilt();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tokenledger.mjs'), 'serve', '--db', dbPath, '--json', ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const info = await new Promise<{ url: string; token: string; port: number }>((ok, fail) => {
    let buf = '';
    const timer = setTimeout(() => fail(new Error(`serve did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').slice(0, -1).find((l) => l.startsWith('{')); // complete lines only: a chunk may end mid-line
      if (line) {
        clearTimeout(timer);
        ok(JSON.parse(line) as { url: string; token: string; port: number });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
  return {
    url: info.url,
    token: info.token,
    origin: `http://127.0.0.1:${info.port}`,
    process: child,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, size = { width: 1280, height: 800 }): Promise<Page> {
  // bypassCSP only so axe-core can be injected; the app itself runs under its CSP in real use.
  const context = await browser.newContext({ viewport: size, bypassCSP: true, locale: 'en-US', timezoneId: 'UTC' });
  // The page's clock stands still at the engine's instant, so the window's "today" is the engine's.
  await context.clock.setFixedTime(NOW);
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the current page. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Run the CLI once (for figures to compare with what the page shows). */
export function cliJson<T>(args: string[]): T {
  const res = spawnSync(process.execPath, [join(ROOT, 'bin', 'tokenledger.mjs'), ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`tokenledger ${args.join(' ')} exited ${res.status}: ${res.stderr}${res.stdout}`);
  return JSON.parse(res.stdout) as T;
}
