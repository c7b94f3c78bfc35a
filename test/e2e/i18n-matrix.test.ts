/**
 * Every screen on the generated demo ledger in English and Simplified Chinese, light and dark, at
 * 1440x900 and 1024x700: a screenshot each (artifacts/e2e/matrix/<locale>-<theme>-<width>-<screen>.png)
 * and an overflow check: no element's content sticks out of its box horizontally (scrollWidth over
 * clientWidth on an element that does not scroll), nothing sticks out of the window, and the page itself
 * does not scroll sideways; at 1024 px the price, exchange-rate, vendor and reconciliation tables do not
 * scroll sideways inside their boxes either (their less important columns drop), and Reconcile's model ids
 * read on one line (a long one cut with an ellipsis, the whole id in its tooltip). One browser and one page; the language and theme are switched through the
 * settings, as the Settings screen does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TOKEN_HEADER } from '../../shared/contract/transport';
import { tempDir } from '../helpers/tmp';
import { ARTIFACTS, launch, newPage, serve, type Served } from './harness';

const SCREENS = ['overview', 'explore', 'agents', 'imports', 'budgets', 'prices', 'reconcile', 'tips', 'settings'] as const;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const MATRIX = join(ARTIFACTS, 'matrix');

interface Overflow {
  selector: string;
  text: string;
  why: string;
}

/** Elements whose content overflows their box, or that stick out of the window, on the current page. */
function overflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const out: { selector: string; text: string; why: string }[] = [];
    const vw = document.documentElement.clientWidth;
    const selectorOf = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const id = e.id ? `#${e.id}` : '';
        const testId = e.getAttribute('data-testid') ? `[data-testid="${e.getAttribute('data-testid')}"]` : '';
        const cls = typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
        parts.unshift(`${e.tagName.toLowerCase()}${id}${testId}${cls}`);
      }
      return parts.join(' > ');
    };
    const scrolls = (s: CSSStyleDeclaration) => s.overflowX === 'auto' || s.overflowX === 'scroll';
    /** Inside a box that scrolls or clips sideways: what sticks out of the window there is that box's business. */
    const clipped = (el: Element) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.overflowX !== 'visible') return true;
      }
      return false;
    };
    if (document.documentElement.scrollWidth > vw + 1) out.push({ selector: 'html', text: '', why: `the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})` });
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el instanceof SVGElement || el.closest('svg')) continue;
      const s = getComputedStyle(el);
      if (s.display === 'none' || s.visibility === 'hidden' || s.position === 'fixed') continue;
      const h = el as HTMLElement;
      // Screen-reader-only text is a 1px box by design.
      if (h.classList.contains('sr-only')) continue;
      const text = (h.innerText ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
      // A box that scrolls is meant to; one that clips with an ellipsis is meant to (its title says the rest).
      if (h.clientWidth > 0 && !scrolls(s) && s.textOverflow !== 'ellipsis' && h.scrollWidth > h.clientWidth + 1) {
        out.push({ selector: selectorOf(el), text, why: `content ${h.scrollWidth}px in a ${h.clientWidth}px box` });
        continue;
      }
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > vw + 1 || r.left < -1) && !clipped(el)) out.push({ selector: selectorOf(el), text, why: `sticks out of the ${vw}px window (${Math.round(r.left)}..${Math.round(r.right)})` });
    }
    return out;
  });
}

/** Tables that fit their box at 1024 px, by screen: nothing important behind a sideways scroll. */
const FIT_AT_1024: Partial<Record<(typeof SCREENS)[number], string[]>> = {
  prices: ['price-list', 'fx-table', 'vendor-table'],
  reconcile: ['reconcile-lines', 'reconcile-details'],
};

/** The tables among `ids` whose box scrolls sideways (or that are not shown). */
function sideways(page: Page, ids: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (list) =>
      list.flatMap((id) => {
        const box = document.querySelector(`[data-testid="${id}"]`)?.parentElement;
        if (!box) return [`${id}: not shown`];
        return box.scrollWidth > box.clientWidth ? [`${id}: scrolls sideways in its box (${box.scrollWidth} > ${box.clientWidth})`] : [];
      }),
    ids,
  );
}

/** Reconcile's day-by-model rows whose model id does not read on one line, or hides part of it with no tooltip. */
function wrappedModels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cells = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="reconcile-details"] td.model span'));
    if (cells.length === 0) return ['no model cells shown'];
    return cells.flatMap((el) => {
      const line = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6;
      if (el.getBoundingClientRect().height > line * 1.5) return [`"${el.textContent}" wraps`];
      return el.scrollWidth > el.clientWidth && el.title !== el.textContent ? [`"${el.textContent}" is cut with no tooltip`] : [];
    });
  });
}

/** Wait until the screen has drawn: its heading, nothing loading, the charts sized. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 30_000 });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

describe('every screen in both languages, both themes and two window sizes', () => {
  let browser: Browser;
  let server: Served;
  let page: Page;
  beforeAll(async () => {
    server = await serve(join(tempDir(), 'ledger.sqlite'), ['--demo']);
    browser = await launch();
    page = await newPage(browser, SIZES[0]);
    mkdirSync(MATRIX, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function settings(patch: Record<string, string>): Promise<void> {
    const res = await fetch(`${server.origin}/api/settings.update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
      body: JSON.stringify(patch),
    });
    expect(res.status).toBe(200);
  }

  for (const locale of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${locale}, ${theme}: no screen overflows at 1440 or 1024 px`, { timeout: 600_000 }, async () => {
        await settings({ locale, theme });
        const found: string[] = [];
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.goto(`${server.url}#/overview`);
          await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
          for (const screen of SCREENS) {
            await page.evaluate((s) => (window.location.hash = `#/${s}`), screen);
            await settled(page);
            // The whole page, up to 6,000 px (Reconcile's day-by-model table runs to tens of thousands).
            const height = Math.min(6000, await page.evaluate(() => document.documentElement.scrollHeight));
            await page.screenshot({ path: join(MATRIX, `${locale}-${theme}-${size.width}-${screen}.png`), fullPage: true, clip: { x: 0, y: 0, width: size.width, height } });
            for (const o of await overflows(page)) found.push(`${size.width} ${screen}: ${o.selector} "${o.text}": ${o.why}`);
            if (size.width === 1024) for (const s of await sideways(page, FIT_AT_1024[screen] ?? [])) found.push(`1024 ${screen}: ${s}`);
            if (screen === 'reconcile') for (const m of await wrappedModels(page)) found.push(`${size.width} reconcile: model ${m}`);
          }
        }
        writeFileSync(join(MATRIX, `overflows-${locale}-${theme}.txt`), found.join('\n') + '\n');
        expect(found.join('\n')).toBe('');
      });
    }
  }

  it('shows the Chinese interface in Chinese', async () => {
    await settings({ locale: 'zh-CN', theme: 'light' });
    await page.setViewportSize(SIZES[0]);
    await page.goto(`${server.url}#/overview`);
    await settled(page);
    expect(await page.locator('nav.sidebar').innerText()).toContain('概览');
    expect(await page.locator('main h1').innerText()).toBe('概览');
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await settled(page);
    // Switching back through the Settings screen's own control.
    await page.getByTestId('locale').selectOption('en');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Settings');
  });
});
