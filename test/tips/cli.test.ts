import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { openLedger } from '../../electron/engine/ledger/connection';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { insertFacts } from './ledger';
import type { TipsReport } from '../../shared/contract/api/tips';

describe('`tokenledger tips`', () => {
  it('prints the same tips as --json, with the combined saving, for the month asked', async () => {
    const path = join(tempDir(), 'ledger.sqlite');
    const { db } = openLedger(path);
    insertFacts(db, [{ at: '2025-09-10T00:00:00Z', provider: 'openai', modelRaw: 'gpt-4o-2024-08-06', model: 'gpt-4o-2024-08-06', apiKey: 'k2', input: 1_000_000, output: 100_000, requests: 200 }]);
    db.close();
    const json = captureIo();
    expect(await runCli(['tips', '--db', path, '--month', '2025-09', '--json'], json)).toBe(0);
    const report = JSON.parse(json.stdout.join('\n')) as TipsReport;
    expect(report.totalSaving).toEqual({ USD: '3.327500' });
    const text = captureIo();
    expect(await runCli(['tips', '--db', path, '--month', '2025-09'], text)).toBe(0);
    expect(text.stdout[0]).toBe('Tips for September 2025 (2 shown, 0 dismissed)');
    // To the cent for people; --json keeps 3.327500 and 3.915000.
    expect(text.stdout[1]).toBe('Combined saving: 3.33 USD (stand-alone savings add up to 3.92 USD; overlaps counted once)');
    expect(text.stdout).toContain('* [Right-size the model] Try gpt-4o-mini instead of gpt-4o-2024-08-06 for key k2: saves 3.29 USD');
  });

  it('refuses a month that is not YYYY-MM, saying what it expects', async () => {
    const io = captureIo();
    const code = await runCli(['tips', '--db', join(tempDir(), 'l.sqlite'), '--month', '2025-9'], io);
    expect(code).toBe(3);
    expect(io.stderr).toEqual(['error: --month expects YYYY-MM, e.g. 2025-09 (got "2025-9").']);
  });

  it('still reads the old --period for one release, with a hint on stderr and --json on stdout unchanged', async () => {
    const path = join(tempDir(), 'ledger.sqlite');
    const { db } = openLedger(path);
    insertFacts(db, [{ at: '2025-09-10T00:00:00Z', provider: 'openai', modelRaw: 'gpt-4o-2024-08-06', model: 'gpt-4o-2024-08-06', apiKey: 'k2', input: 1_000_000, output: 100_000, requests: 200 }]);
    db.close();
    const [old, now] = [captureIo(), captureIo()];
    expect(await runCli(['tips', '--db', path, '--period', '2025-09', '--json'], old)).toBe(0);
    expect(await runCli(['tips', '--db', path, '--month', '2025-09', '--json'], now)).toBe(0);
    expect(old.stdout).toEqual(now.stdout);
    expect((JSON.parse(old.stdout.join('\n')) as TipsReport).period).toBe('2025-09');
    expect(old.stderr).toEqual(['note: --period is deprecated and will be removed in the next release; use --month YYYY-MM']);
    expect(now.stderr).toEqual([]);
  });
});
