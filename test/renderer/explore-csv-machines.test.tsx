/**
 * Explore's CSV grouped by machine names each machine as every screen does (its name from Settings or its
 * bundle), after its id: two real ledgers, one merged into the other through a bundle.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreCsv } from '../../renderer/src/features/explore/explore-export';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'exports', name);

describe('Explore CSV by machine', () => {
  it('has a machine_name column with each machine’s name', async () => {
    const dir = tempDir();
    const a = testEngine();
    const b = testEngine();
    await a.client.call('team.update', { machineName: 'ada-desktop' });
    await b.client.call('team.update', { machineName: 'bo-laptop' });
    await a.client.call('imports.commit', { paths: [fixture('openai-usage-completions.json')] });
    await b.client.call('imports.commit', { paths: [fixture('anthropic-usage-report.json')] });
    await b.client.call('bundle.export', { path: join(dir, 'bo.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'bo.tlbundle')] });
    const ids = { a: (await a.client.call('team.settings', {})).machineId, b: (await b.client.call('team.settings', {})).machineId };

    const csv = exploreCsv(await a.client.call('report.explore', { groupBy: ['machine'], bucket: 'none' })).split('\r\n');
    expect(csv[0]!.startsWith('machine,machine_name,spend_')).toBe(true);
    expect(csv.filter((l) => l !== '' && !l.startsWith('machine,') && !l.startsWith('TOTAL')).map((l) => l.split(',').slice(0, 2)).sort()).toEqual(
      [
        [ids.a, 'ada-desktop'],
        [ids.b, 'bo-laptop'],
      ].sort(),
    );
  });
});
