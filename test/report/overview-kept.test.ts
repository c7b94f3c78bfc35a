/**
 * The Overview kept while the ledger is unchanged (reports/overview.ts, ledger/unchanged.ts) and worked out
 * while the window loads (electron/engine/first-answer.ts): a window opened again gets the figures without
 * the engine reading the ledger again, but never figures the ledger no longer holds. A write by this process
 * or another, a setting or a display name, sends the next call to the ledger; the forecast, which reads the
 * clock, is worked out at each call's own instant.
 *
 * "Kept" is seen as the answer's figures being the very objects of the call before (read again, they are new
 * objects with the same values).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import type { Dispatch } from '../../electron/engine/dispatch';
import { firstAnswer } from '../../electron/engine/first-answer';
import { KEPT_KEYS } from '../../electron/engine/ledger/unchanged';
import type { ReportOverview } from '../../shared/contract/api/report';
import type { ApiResult } from '../../shared/contract/errors';
import { FIRST_SCREEN_CALL } from '../../shared/contract/first-screen';
import { testEngine } from '../helpers/engine';
import { onCleanup } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '..', 'fixtures', 'exports');
const OPENROUTER = join(EXPORTS, 'openrouter-activity.csv');
const CLAUDE = join(EXPORTS, 'claude-code-session.jsonl');

/** A ledger with the OpenRouter sample, in UTC, and its engine's clock (moved by the tests). */
async function ledger(now = { t: Date.parse('2025-09-20T12:00:00Z') }) {
  const t = testEngine({ now: () => now.t });
  await t.client.call('imports.commit', { paths: [OPENROUTER] });
  await t.client.call('settings.update', { timeZone: 'UTC' });
  const overview = async (input: object = FIRST_SCREEN_CALL.input) => value(await t.engine.dispatch('report.overview', input));
  /** The same call to an engine of its own on the same file: what reading the ledger now gives. */
  const fresh = async (input: object = FIRST_SCREEN_CALL.input) => {
    const other = createEngine({ dbPath: t.dbPath, now: () => now.t });
    try {
      return value(await other.dispatch('report.overview', input));
    } finally {
      other.close();
    }
  };
  return { ...t, now, overview, fresh };
}

function value(r: ApiResult<unknown>): ReportOverview {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as ReportOverview;
}

describe('the Overview kept while the ledger is unchanged', () => {
  it('gives a window opened again the same figures without reading them again', async () => {
    const l = await ledger();
    const first = await l.overview();
    const again = await l.overview();
    expect(again).toEqual(first);
    expect(again).toEqual(await l.fresh());
    expect(again.totals).toBe(first.totals);
    expect(again.daily).toBe(first.daily);
    // The whole Overview (the forecast not deferred) shares the same kept figures.
    expect((await l.overview({})).totals).toBe(first.totals);
  });

  it('is read again after this process wrote to the ledger: the new figures', async () => {
    const l = await ledger();
    const before = await l.overview();
    await l.client.call('imports.commit', { paths: [CLAUDE] });
    const after = await l.overview();
    expect(after.totals.spendDisplay).not.toBe(before.totals.spendDisplay);
    expect(after).toEqual(await l.fresh());
  });

  it('is read again after another process wrote to the ledger (the CLI importing while the window is open)', async () => {
    const l = await ledger();
    const before = await l.overview();
    const other = createEngine({ dbPath: l.dbPath, now: () => l.now.t });
    onCleanup(() => other.close());
    expect((await other.dispatch('imports.commit', { paths: [CLAUDE] })).ok).toBe(true);
    const after = await l.overview();
    expect(after.totals.spendDisplay).not.toBe(before.totals.spendDisplay);
    expect(after).toEqual(value(await other.dispatch('report.overview', FIRST_SCREEN_CALL.input)));
  });

  it('is read again after a write as small as a setting or a display name', async () => {
    const l = await ledger();
    const before = await l.overview();
    await l.client.call('settings.update', { displayCurrency: 'EUR' });
    expect((await l.overview()).display.currency).toBe('EUR');

    const project = before.topProjects.find((p) => p.key !== null)!.key!;
    await l.client.call('settings.update', { displayCurrency: 'USD' });
    expect((await l.overview()).names.project?.[project]).toBeUndefined();
    await l.client.call('names.set', { dimension: 'project', value: project, name: 'Support bot' });
    expect((await l.overview()).names.project?.[project]).toBe('Support bot');
  });

  it("works out the forecast at each call's own instant, and a new day's Overview for a new day", async () => {
    // The demo's last day of usage, at noon and in the evening: the share of the day still to come moves the forecast.
    const now = { t: Date.parse('2025-10-20T09:00:00Z') };
    const t = testEngine({ now: () => now.t });
    await t.client.call('demo.load', {});
    await t.client.call('settings.update', { timeZone: 'UTC' });
    const at = async (instant: string) => {
      now.t = Date.parse(instant);
      return value(await t.engine.dispatch('report.overview', {}));
    };
    const fresh = async () => {
      const other = createEngine({ dbPath: t.dbPath, now: () => now.t });
      onCleanup(() => other.close());
      return value(await other.dispatch('report.overview', {}));
    };
    const noon = await at('2025-10-19T12:00:00Z');
    const evening = await at('2025-10-19T20:00:00Z');
    expect(evening.totals).toBe(noon.totals);
    expect(evening.forecast).not.toEqual(noon.forecast);
    expect(evening).toEqual(await fresh());

    const next = await at('2025-10-20T00:00:10Z');
    expect(next.today).toBe('2025-10-20');
    expect(next.period.daysElapsed).toBe(noon.period.daysElapsed + 1);
    expect(next).toEqual(await fresh());
  });

  it('keeps each view apart: the currency, the time zone or the month asked in the call', async () => {
    const l = await ledger();
    const usd = await l.overview();
    for (const input of [{ currency: 'EUR' }, { timeZone: 'Asia/Shanghai' }, { month: '2025-08' }]) {
      const asked = { ...FIRST_SCREEN_CALL.input, ...input };
      expect(await l.overview(asked)).toEqual(await l.fresh(asked));
    }
    expect((await l.overview({ ...FIRST_SCREEN_CALL.input, currency: 'EUR' })).display.currency).toBe('EUR');
    expect(await l.overview()).toEqual(usd);
  });

  it('cannot be changed by a caller: every caller shares the kept figures', async () => {
    const l = await ledger();
    const o = await l.overview();
    expect(() => {
      (o.totals as { spendDisplay: string }).spendDisplay = '0';
    }).toThrow(TypeError);
    expect(await l.overview()).toEqual(await l.fresh());
  });

  it(`keeps the last ${KEPT_KEYS} views (months, currencies), not more`, async () => {
    const l = await ledger();
    const september = await l.overview();
    const others = ['2025-08', '2025-07', '2025-06', '2025-05', '2025-04', '2025-03', '2025-02', '2025-01', '2024-12'];
    for (const month of others.slice(0, KEPT_KEYS - 1)) await l.overview({ ...FIRST_SCREEN_CALL.input, month });
    expect((await l.overview()).totals).toBe(september.totals);
    for (const month of others.slice(0, KEPT_KEYS)) await l.overview({ ...FIRST_SCREEN_CALL.input, month });
    const again = await l.overview();
    expect(again.totals).not.toBe(september.totals);
    expect(again).toEqual(september);
  });
});

describe("the month's tips kept while the ledger is unchanged", () => {
  it('are the same tips again without working them out again, until a dismissal or an import', async () => {
    const now = { t: Date.parse('2025-10-20T09:00:00Z') };
    const t = testEngine({ now: () => now.t });
    await t.client.call('demo.load', {});
    const fresh = async () => {
      const other = createEngine({ dbPath: t.dbPath, now: () => now.t });
      onCleanup(() => other.close());
      return other.dispatch('tips.list', {});
    };
    const first = await t.client.call('tips.list', {});
    const again = await t.client.call('tips.list', {});
    expect(again.tips.length).toBeGreaterThan(0);
    expect(again.tips).toBe(first.tips);

    const tip = first.tips.find((x) => !x.dismissed)!;
    await t.client.call('tips.dismiss', { period: first.period, tipId: tip.id, dismissed: true });
    const after = await t.client.call('tips.list', {});
    expect(after.tips.find((x) => x.id === tip.id)!.dismissed).toBe(true);
    expect({ ok: true, value: after }).toEqual(await fresh());

    await t.client.call('imports.commit', { paths: [CLAUDE] });
    expect({ ok: true, value: await t.client.call('tips.list', {}) }).toEqual(await fresh());
  });
});

describe("the first screen's answer worked out while the window loads", () => {
  it("is what the engine's hosts start: the window's first call then gets the kept figures, at its own instant", async () => {
    // Worked out 10 s before midnight, asked 10 s after: the window gets the new day's Overview.
    const l = await ledger({ t: Date.parse('2025-09-20T12:00:00Z') });
    await l.engine.answerFirstScreen();
    const worked = await l.overview();
    expect(worked.totals).toBe((await l.overview()).totals);

    const m = await ledger({ t: Date.parse('2025-09-20T23:59:50Z') });
    await m.engine.answerFirstScreen();
    m.now.t += 20_000;
    expect((await m.overview()).today).toBe('2025-09-21');
  });

  it('is the call FIRST_SCREEN_CALL names, started once', async () => {
    const calls: [string, unknown][] = [];
    const dispatch: Dispatch = async (method, input) => (calls.push([method, input]), { ok: true, value: null });
    const start = firstAnswer(dispatch, FIRST_SCREEN_CALL);
    await start();
    await start();
    expect(calls).toEqual([[FIRST_SCREEN_CALL.method, FIRST_SCREEN_CALL.input]]);
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
