/**
 * The window's first Overview request is answered from the rollups alone (`quick`): it leaves out the
 * unpriced usage and the forecast, and report.overviewRest answers exactly those, as the whole Overview does.
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
  it('leaves out the unpriced usage and the forecast, which report.overviewRest answers as the whole Overview does', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    expect(await runCli(['import', nanoPriorityExport(), join(EXPORTS, 'openrouter-activity.csv'), '--db', db], captureIo())).toBe(0);
    const asked = { today: '2025-09-20', timeZone: 'UTC' };
    const whole = await call<ReportOverview>(db, 'report.overview', asked);
    const quick = await call<ReportOverview>(db, 'report.overview', { ...asked, quick: true });
    const rest = await call<ReportOverviewRest>(db, 'report.overviewRest', asked);
    // Both left-out figures are there to leave out: the period has unpriced usage and a forecast.
    expect(whole.unpriced.tokens).toBe(128_331 + 69_200);
    expect(whole.forecast).not.toBeNull();
    expect(whole.deferred).toBe(false);
    expect(quick.deferred).toBe(true);
    expect(quick.forecast).toBeNull();
    expect(quick.unpriced).toEqual({ tokens: 0, billedTokens: 0, models: [] });
    expect(rest).toEqual({ month: '2025-09', unpriced: whole.unpriced, forecast: whole.forecast });
    // Everything else is the same answer.
    expect({ ...quick, deferred: false, unpriced: whole.unpriced, forecast: whole.forecast }).toEqual(whole);
  });
});
