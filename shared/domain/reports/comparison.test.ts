import { describe, expect, it } from 'vitest';
import { comparison, coverageOf } from './comparison';

const rows = (spec: Record<string, number>, month: string) =>
  Object.entries(spec).flatMap(([p, days]) => Array.from({ length: days }, (_, i) => ({ day: `${month}-${String(i + 1).padStart(2, '0')}`, keys: [p], facts: 1n })));
const months = { cur: '2025-09', prev: '2025-08' };

describe('comparison of two periods', () => {
  it('compares periods with the same sources over comparable days', () => {
    expect(comparison(coverageOf(rows({ openai: 30, deepseek: 28 }, '2025-09')), coverageOf(rows({ openai: 31, deepseek: 20 }, '2025-08')), months)).toEqual({ comparable: true, reason: null });
  });
  it('does not compare a source with a day or two against a month of it', () => {
    expect(comparison(coverageOf(rows({ openai: 30, zhipu: 30 }, '2025-09')), coverageOf(rows({ openai: 31, zhipu: 1 }, '2025-08')), months)).toEqual({
      comparable: false,
      reason: 'Not compared: zhipu has data on 1 day in August 2025 and 30 in September 2025.',
    });
  });
  it('names the sources one period lacks', () => {
    expect(comparison(coverageOf(rows({ openai: 30 }, '2025-09')), coverageOf(rows({ openai: 30, anthropic: 30 }, '2025-08')), months).reason).toBe(
      'Not compared: September 2025 has no data from anthropic, which August 2025 has.',
    );
  });
  it('ignores rows without facts', () => {
    expect(coverageOf([{ day: '2025-09-01', keys: ['openai'], facts: 0n }]).size).toBe(0);
  });
});
