/**
 * Codex's token_count lines are read by JSON.parse when their usage numbers are safe integers spelled as
 * such, and by the exact reader otherwise. Both must give the same rows for every sample rollout and for
 * rollouts whose usage counts are changed to every kind (missing, negative, decimal, exponent, huge,
 * text, negative zero), through the cumulative-total rules that follow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rolloutBatches } from '../../electron/engine/importers/agents/codex';
import { textSourceFromString } from '../../electron/engine/importers/kit/decode';
import type { ParsedRow } from '../../electron/engine/importers/types';
import { seeded } from '../../shared/domain/random';

const DIR = join(__dirname, '../fixtures/exports/agents/codex');
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
const SAMPLES = walk(DIR).map((p) => readFileSync(p, 'utf8'));

const COUNTS = ['input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_output_tokens', 'total_tokens'];
const SPELLINGS = ['0', '-0', '-5', '7.0', '7.5', '1e3', '2E+2', '12345678901234567890', '"42"', '"x"', 'null', 'true', '{}'];

async function rows(text: string, quickly: boolean): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const batch of rolloutBatches(textSourceFromString(text, 997), undefined, quickly)) out.push(...batch);
  return out;
}

/** The rollout with one usage count of some token_count lines written another way (as text, not via JSON). */
function respelled(text: string, r: () => number): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes('"token_count"') || r() < 0.6) return line;
      const key = COUNTS[Math.floor(r() * COUNTS.length)]!;
      const spelling = SPELLINGS[Math.floor(r() * SPELLINGS.length)]!;
      return line.replace(new RegExp(`"${key}":\\d+`), `"${key}":${spelling}`);
    })
    .join('\n');
}

describe("Codex's quick read of token_count lines", () => {
  it('gives the exact reader rows for every sample rollout', async () => {
    for (const text of SAMPLES) expect(await rows(text, true)).toEqual(await rows(text, false));
  });

  it('gives the exact reader rows whatever the usage counts are spelled as', async () => {
    const r = seeded(5);
    const seen = { fact: 0, error: 0, skip: 0 };
    for (let round = 0; round < 40; round++) {
      for (const sample of SAMPLES) {
        const text = respelled(sample, r);
        const quick = await rows(text, true);
        expect(quick).toEqual(await rows(text, false));
        for (const row of quick) seen[row.kind]++;
      }
    }
    expect(seen.fact).toBeGreaterThan(100);
    expect(seen.error).toBeGreaterThan(50);
  });
});
