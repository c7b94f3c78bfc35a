import { join } from 'node:path';
import { testEngine } from './engine';
import { tempDir } from './tmp';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'exports', name);

/**
 * Two real ledgers on one shared team folder: "ada" imported Anthropic's usage report (8 facts), "bo"
 * OpenAI's completions usage (8 facts); neither has synced yet.
 */
export async function twoMachinesOnOneFolder() {
  const folder = tempDir();
  const a = testEngine();
  const b = testEngine();
  await a.client.call('imports.commit', { paths: [fixture('anthropic-usage-report.json')] });
  await b.client.call('imports.commit', { paths: [fixture('openai-usage-completions.json')] });
  await a.client.call('team.update', { member: 'ada' });
  await b.client.call('team.update', { member: 'bo' });
  for (const t of [a, b]) await t.client.call('team.setFolder', { path: folder });
  return { folder, a, b };
}
