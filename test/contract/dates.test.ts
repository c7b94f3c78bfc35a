/**
 * Dates in a sane range: every day, month or instant the contract takes lies in 2000..2100 (the error
 * names the range), through the host where an absurd one was found to hang the server.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server';
import { TOKEN_HEADER } from '../../shared/contract/transport';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

describe('days outside 2000..2100', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('report.overview {"today":"9999-12-31"} over HTTP answers 400 naming the range (it used to never return)', async () => {
    const { engine } = testEngine();
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    server = await startServer({ dispatch: engine.dispatch, staticDir });
    const res = await fetch(`http://127.0.0.1:${server.port}/api/report.overview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
      body: JSON.stringify({ today: '9999-12-31' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid input for report.overview: today: expected a real day from 2000-01-01 to 2100-12-31',
        details: { issues: [{ path: 'today', message: 'expected a real day from 2000-01-01 to 2100-12-31', said: { id: 'engine.error.input.realDay' } }] },
        said: {
          id: 'engine.error.invalidInput',
          values: { method: 'report.overview', issues: { list: [{ id: 'engine.error.input.issue', values: { path: 'today', reason: { id: 'engine.error.input.realDay' } } }] } },
        },
      },
    });
  });

  it('refuses days, months and instants out of range or not on the calendar, in every method that takes one', async () => {
    const { engine } = testEngine();
    const cases: [string, unknown, string][] = [
      ['report.totals', { from: '1999-12-31' }, 'from: expected a real day from 2000-01-01 to 2100-12-31'],
      ['report.explore', { from: '2025-01-01', to: '2101-01-01' }, 'to: expected a real day from 2000-01-01 to 2100-12-31'],
      ['report.totals', { from: '2025-02-30' }, 'from: expected a real day from 2000-01-01 to 2100-12-31'],
      ['reconcile.report', { month: '0001-01' }, 'month: expected a month from 2000-01-01 to 2100-12-31'],
      ['fx.set', { currency: 'EUR', date: '9999-01-01', perUsd: '0.9' }, 'date: expected a real day from 2000-01-01 to 2100-12-31'],
      ['budgets.list', { at: '+010000-01-01T00:00:00Z' }, 'at:'],
      ['budgets.list', { at: '3000-01-01T00:00:00Z' }, 'at: expected an instant from 2000-01-01 to 2100-12-31'],
      [
        'budgets.create',
        { budget: { name: 'Forever', period: { kind: 'custom', timeZone: 'UTC', from: '0001-01-01', to: '9999-12-31' }, amount: { unit: 'money', value: '1', currency: 'USD' } } },
        'budget.period.from: expected a real day from 2000-01-01 to 2100-12-31',
      ],
    ];
    for (const [method, input, message] of cases) {
      const r = await engine.dispatch(method, input);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining(message) } });
    }
    // The edges themselves are accepted.
    expect(await engine.dispatch('report.totals', { from: '2000-01-01', to: '2100-12-31' })).toMatchObject({ ok: true });
  });

  it('a custom budget over the whole range is accepted and evaluated', async () => {
    const { client } = testEngine();
    const s = await client.call('budgets.create', {
      budget: { name: 'Century', period: { kind: 'custom', timeZone: 'UTC', from: '2000-01-01', to: '2100-12-31' }, amount: { unit: 'money', value: '1', currency: 'USD' } },
    });
    expect(s.period).toMatchObject({ firstDay: '2000-01-01' });
  });
});
