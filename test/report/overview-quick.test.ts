/**
 * The window's first Overview request (`quick`) is the whole Overview whenever the rollups answer it; only a
 * forecast that would read the facts (a half-hour zone, or spend to convert outside UTC) is left out, and
 * report.overviewRest answers it as the whole Overview does.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { ReportOverview, ReportOverviewRest } from '../../shared/contract/api/report';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { EXPORTS, nanoPriorityExport } from '../helpers/unpriced';

async function call<T>(db: string, method: string, input: object): Promise<T> {
  const io = captureIo();
  expect(await runCli(['call', method, JSON.stringify(input), '--db', db, '--json'], io), io.stderr.join('\n')).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as T;
}

describe('the quick Overview and the rest of it', () => {
  it('answers everything from the rollups in UTC: the unpriced usage and the forecast are in the first answer', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    expect(await runCli(['import', nanoPriorityExport(), join(EXPORTS, 'openrouter-activity.csv'), '--db', db], captureIo())).toBe(0);
    const asked = { today: '2025-09-20', timeZone: 'UTC' };
    const whole = await call<ReportOverview>(db, 'report.overview', asked);
    const quick = await call<ReportOverview>(db, 'report.overview', { ...asked, quick: true });
    // Both figures are there: the period has unpriced usage and a forecast.
    expect(whole.unpriced.tokens).toBe(128_331 + 69_200);
    expect(whole.forecast).not.toBeNull();
    expect(whole.deferred).toBe(false);
    expect(quick).toEqual(whole);
  });

  it('leaves out the forecast in a zone with half-hour offsets (it reads the facts), which report.overviewRest answers as the whole Overview does', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    expect(await runCli(['import', nanoPriorityExport(), join(EXPORTS, 'openrouter-activity.csv'), '--db', db], captureIo())).toBe(0);
    const asked = { today: '2025-09-20', timeZone: 'Asia/Kolkata' };
    const whole = await call<ReportOverview>(db, 'report.overview', asked);
    const quick = await call<ReportOverview>(db, 'report.overview', { ...asked, quick: true });
    const rest = await call<ReportOverviewRest>(db, 'report.overviewRest', asked);
    expect(whole.forecast).not.toBeNull();
    expect(whole.deferred).toBe(false);
    expect(quick.deferred).toBe(true);
    expect(quick.forecast).toBeNull();
    expect(quick.unpriced).toEqual(whole.unpriced);
    expect(rest).toEqual({ month: '2025-09', unpriced: whole.unpriced, forecast: whole.forecast });
    // Everything else is the same answer.
    expect({ ...quick, deferred: false, forecast: whole.forecast }).toEqual(whole);
  });

  it('leaves out the forecast in a whole-hour zone only when some spend of those weeks needs converting', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    expect(await runCli(['import', join(EXPORTS, 'openrouter-activity.csv'), join(EXPORTS, 'deepseek-usage-cost-2025-9.csv'), '--db', db], captureIo())).toBe(0);
    const asked = { today: '2025-09-20', timeZone: 'Asia/Shanghai' };
    const usd = await call<ReportOverview>(db, 'report.overview', { ...asked, currency: 'USD', quick: true });
    expect(usd.deferred).toBe(true);
    expect(usd.forecast).toBeNull();
    const single = join(tempDir(), 'ledger.sqlite');
    expect(await runCli(['import', join(EXPORTS, 'openrouter-activity.csv'), '--db', single], captureIo())).toBe(0);
    const quick = await call<ReportOverview>(single, 'report.overview', { ...asked, currency: 'USD', quick: true });
    const whole = await call<ReportOverview>(single, 'report.overview', { ...asked, currency: 'USD' });
    expect(quick.deferred).toBe(false);
    expect(quick.forecast).not.toBeNull();
    expect(quick).toEqual(whole);
  });
});
