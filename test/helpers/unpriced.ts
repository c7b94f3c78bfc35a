/** A sample with usage the book cannot price, for the unpriced suites. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tmp';

export const EXPORTS = join(import.meta.dirname, '..', 'fixtures', 'exports');

/** The OpenAI usage export with its priority row moved to gpt-5-nano, which OpenAI lists no Priority price for. */
export function nanoPriorityExport(): string {
  const row = '"model": "gpt-5-2025-08-07",\n          "batch": false,\n          "service_tier": "priority"';
  const text = readFileSync(join(EXPORTS, 'openai-usage-completions.json'), 'utf8');
  const path = join(tempDir(), 'openai-usage-nano.json');
  writeFileSync(path, text.replace(row, row.replace('gpt-5-2025-08-07', 'gpt-5-nano-2025-08-07')));
  return path;
}
