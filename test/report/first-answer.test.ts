/**
 * The first screen's answer worked out while the window loads (electron/engine/first-answer.ts): the
 * window's first Overview call takes it, once, and only while it is what that call would get now. A write by
 * this process or another, or an answer older than FIRST_ANSWER_MAX_AGE_MS, sends the call to the engine
 * again, so the window never shows figures the ledger no longer holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/engine/dispatch';
import { FIRST_ANSWER_MAX_AGE_MS, firstAnswer } from '../../electron/engine/first-answer';
import type { ReportOverview } from '../../shared/contract/api/report';
import type { ApiResult } from '../../shared/contract/errors';
import { FIRST_SCREEN_CALL } from '../../shared/contract/first-screen';
import { testEngine } from '../helpers/engine';
import { onCleanup } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '..', 'fixtures', 'exports');
const OPENROUTER = join(EXPORTS, 'openrouter-activity.csv');
const CLAUDE = join(EXPORTS, 'claude-code-session.jsonl');

/** A ledger with the OpenRouter sample, and the first-screen wrapper over a dispatch that counts the Overview calls reaching the engine. */
async function ledger(now = { t: Date.parse('2025-09-20T12:00:00Z') }) {
  const t = testEngine({ now: () => now.t });
  await t.client.call('imports.commit', { paths: [OPENROUTER] });
  await t.client.call('settings.update', { timeZone: 'UTC' });
  const inner = createDispatch(t.engine.ctx);
  let reads = 0;
  const counted: Dispatch = (method, input) => {
    if (method === 'report.overview') reads++;
    return inner(method, input);
  };
  const first = firstAnswer(t.engine.ctx, counted, FIRST_SCREEN_CALL);
  const spend = (r: ApiResult<unknown>) => {
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as ReportOverview).totals.spendDisplay;
  };
  return { ...t, first, now, reads: () => reads, spend, call: () => first.dispatch(FIRST_SCREEN_CALL.method, { ...FIRST_SCREEN_CALL.input }) };
}

describe("the first screen's answer worked out ahead", () => {
  it('is the answer the window would get, and the engine reads the ledger once for it; the next call reads again', async () => {
    const l = await ledger();
    const fresh = await l.client.call('report.overview', { quick: true });
    await l.first.start();
    expect(l.reads()).toBe(1);
    const taken = await l.call();
    expect(taken).toEqual({ ok: true, value: fresh });
    expect(l.reads()).toBe(1);
    // Taken once: the next identical call (a reload, a return to the Overview) goes to the engine.
    expect(await l.call()).toEqual({ ok: true, value: fresh });
    expect(l.reads()).toBe(2);
  });

  it('is taken by the identical call only: another month, or another method, is answered as usual', async () => {
    const l = await ledger();
    await l.first.start();
    await l.first.dispatch('report.overview', { month: '2025-08', quick: true });
    await l.first.dispatch('report.overview', {});
    expect(l.reads()).toBe(3);
    await l.call();
    expect(l.reads()).toBe(3);
  });

  it('is not used after this process wrote to the ledger: the call shows the new figures', async () => {
    const l = await ledger();
    await l.first.start();
    const before = l.spend(await createDispatch(l.engine.ctx)('report.overview', FIRST_SCREEN_CALL.input));
    await l.client.call('imports.commit', { paths: [CLAUDE] });
    const after = l.spend(await createDispatch(l.engine.ctx)('report.overview', FIRST_SCREEN_CALL.input));
    expect(after).not.toBe(before);
    expect(l.spend(await l.call())).toBe(after);
    expect(l.reads()).toBe(2);
  });

  it("is not used after another process wrote to the ledger (the CLI importing while the window opens)", async () => {
    const l = await ledger();
    await l.first.start();
    const other = createEngine({ dbPath: l.dbPath, now: () => l.now.t });
    onCleanup(() => other.close());
    const before = l.spend(await other.dispatch('report.overview', FIRST_SCREEN_CALL.input));
    const imported = await other.dispatch('imports.commit', { paths: [CLAUDE] });
    expect(imported.ok).toBe(true);
    const after = l.spend(await other.dispatch('report.overview', FIRST_SCREEN_CALL.input));
    expect(after).not.toBe(before);
    expect(l.spend(await l.call())).toBe(after);
    expect(l.reads()).toBe(2);
  });

  it('is a write as small as a setting enough to drop it: the display currency', async () => {
    const l = await ledger();
    await l.first.start();
    await l.client.call('settings.update', { displayCurrency: 'EUR' });
    const r = await l.call();
    expect(r.ok && (r.value as ReportOverview).display.currency).toBe('EUR');
    expect(l.reads()).toBe(2);
  });

  it(`is not used when older than ${FIRST_ANSWER_MAX_AGE_MS / 1000} s (the answer reads "now")`, async () => {
    const l = await ledger();
    await l.first.start();
    l.now.t += FIRST_ANSWER_MAX_AGE_MS - 1;
    await l.call();
    expect(l.reads()).toBe(1);

    const m = await ledger();
    await m.first.start();
    m.now.t += FIRST_ANSWER_MAX_AGE_MS;
    await m.call();
    expect(m.reads()).toBe(2);
  });

  it('is not worked out when the window already made the call, nor twice', async () => {
    const l = await ledger();
    await l.call();
    await l.first.start();
    expect(l.reads()).toBe(1);
    const m = await ledger();
    await m.first.start();
    await m.first.start();
    expect(m.reads()).toBe(1);
  });

  it("is what the engine's hosts start: the engine's own first Overview call takes it", async () => {
    // Worked out 20 s before midnight, taken 10 s after: the answer taken is the one worked out (the day
    // before's), which only the answer worked out ahead can be; the next call reads the new day.
    const l = await ledger({ t: Date.parse('2025-09-20T23:59:50Z') });
    await l.engine.answerFirstScreen();
    l.now.t += 20_000;
    const today = (r: ApiResult<unknown>) => (r.ok ? (r.value as ReportOverview).period.to : r.error.message);
    expect(today(await l.engine.dispatch('report.overview', { quick: true }))).toBe('2025-09-20');
    expect(today(await l.engine.dispatch('report.overview', { quick: true }))).toBe('2025-09-21');
  });

  it("is the call the page's early script sends before the app has loaded (so the engine has it ready)", () => {
    const script = readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'public', 'early-overview.js'), 'utf8');
    const sent: [string, unknown][] = [];
    const window: Record<string, unknown> = { tokenLedger: { invoke: (m: string, i: unknown) => (sent.push([m, i]), new Promise(() => {})) } };
    new Function('window', 'location', 'navigator', script)(window, { hash: '', search: '' }, { languages: ['en-US'] });
    expect(sent).toEqual([[FIRST_SCREEN_CALL.method, FIRST_SCREEN_CALL.input]]);
    expect(window.__tokenLedgerEarly).toMatchObject({ method: FIRST_SCREEN_CALL.method, input: JSON.stringify(FIRST_SCREEN_CALL.input) });
  });
});
