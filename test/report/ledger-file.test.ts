/** The ledger file from Settings: back up, restore (with a safety copy), and reveal in the folder. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

describe('the ledger file', () => {
  it('backs up to a new file, and another ledger restored from it has the same figures and a safety copy of itself', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    const before = await client.call('report.totals', {});
    expect(before.factCount).toBeGreaterThan(50);
    const path = join(tempDir(), 'backup.sqlite');
    const b = await client.call('ledger.backup', { path });
    expect(b.path).toBe(path);
    expect(b.bytes).toBeGreaterThan(0);

    // The safety copy is named after the engine's instant, not the wall clock.
    const other = testEngine({ now: () => Date.parse('2024-02-29T23:30:05.123Z') });
    expect((await other.client.call('report.totals', {})).factCount).toBe(0);
    const r = await other.client.call('ledger.restore', { path });
    expect(r.facts).toBe(before.factCount);
    expect(r.safetyCopy).toBe(`${other.dbPath}.before-restore.2024-02-29T23-30-05-123Z.bak`);
    expect(existsSync(r.safetyCopy)).toBe(true);
    expect(await other.client.call('report.totals', {})).toEqual(before);
    // The rollups were rebuilt: grouped figures are back too.
    const explore = await other.client.call('report.explore', { groupBy: ['vendor'], bucket: 'none', currency: 'USD' });
    expect(explore.totals.requests).toBe(before.totals.requests);
    expect(explore.totals.spend).toEqual(before.totals.spend);
    expect(other.events.some((e) => e.event === 'ledger.changed' && (e.payload as { reason: string }).reason === 'restore')).toBe(true);
  });

  it('refuses to restore from a file that is not there', async () => {
    const { client } = testEngine();
    const path = join(tempDir(), 'missing.sqlite');
    await expect(client.call('ledger.restore', { path })).rejects.toThrow(`No backup file at ${path}`);
  });

  it('refuses to overwrite an existing file with a backup', async () => {
    const { client } = testEngine();
    const path = join(tempDir(), 'backup.sqlite');
    await client.call('ledger.backup', { path });
    await expect(client.call('ledger.backup', { path })).rejects.toThrow(`${path} already exists; choose a new file name for the backup`);
  });

  it('asks the host to reveal the ledger file itself', async () => {
    const { client, events, dbPath } = testEngine();
    expect(await client.call('ledger.reveal', {})).toEqual({ path: dbPath });
    expect(events.filter((e) => e.event === 'ui.reveal').map((e) => e.payload)).toEqual([{ path: dbPath }]);
  });
});
