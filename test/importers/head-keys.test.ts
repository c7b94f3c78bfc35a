/**
 * The formats' identify asks a head's keys found once (hasKey) instead of searching the head per key: the
 * answer must be the search's own (`"k"` then optional whitespace and a colon, anywhere in the head's text),
 * on any text, or a file would be given another format (or refused) than the search gives it.
 */
import { describe, expect, it } from 'vitest';
import { hasKey } from '../../electron/engine/importers/kit/common';
import { qwenMarked } from '../../electron/engine/importers/kit/agent-markers';
import type { FileHead } from '../../electron/engine/importers/types';

const head = (text: string): FileHead => ({ fileName: 'x.jsonl', text, encoding: 'utf-8', csvHeader: null, delimiter: null });
const searched = (text: string, k: string) => new RegExp(`"${k}"\\s*:`).test(text);
/** Qwen Code's markers as one search of the text. */
const QWEN_SEARCH = /"usageMetadata"\s*:|"systemPayload"\s*:|"message"\s*:\s*\{\s*"role"\s*:\s*"(?:user|model)"\s*,\s*"parts"\s*:/;

/** Texts drawn from what decides a key: quoted words, lone and escaped quotes, colons, whitespace of each kind, letters. */
function* texts(count: number): Generator<string> {
  const alphabet = ['"a"', '"ab"', '""', '"', '"', ':', ':', ' ', '\t', '\n', '\u00a0', '\u0001', '\\"', 'a', 'b', '{', ','];
  let seed = 12345;
  for (let i = 0; i < count; i++) {
    let t = '';
    const n = i % 16;
    for (let j = 0; j < n; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      t += alphabet[seed % alphabet.length];
    }
    yield t;
  }
}

describe("a head's keys", () => {
  it('answer what a search of the text for each key answers, on any text', () => {
    let found = 0;
    for (const t of texts(40_000)) {
      const h = head(t);
      for (const k of ['a', 'ab', 'b', '']) {
        expect(hasKey(h, k), JSON.stringify({ t, k })).toBe(searched(t, k));
        if (searched(t, k)) found++;
      }
    }
    // The texts are not all keyless: many hold a key.
    expect(found).toBeGreaterThan(5_000);
  });

  it("tell Qwen Code's records as the search of its markers does", () => {
    const cases = [
      '{"type":"user","message":{"role":"user","parts":[{"text":"hi"}]}}',
      '{"type":"user","message" : { "role" : "model" ,\n "parts":[]}}',
      '{"type":"user","message":{"role":"assistant","parts":[]}}',
      '{"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[]},"parts":1}',
      '{"usageMetadata" :{}}',
      '{"systemPayload"\t: 1}',
      '{"x":"usageMetadata"}',
      '{"message":{"role":"user"},"parts":{"message":{"role":"user", "parts":1}}}',
    ];
    for (const t of [...cases, ...texts(2_000)]) expect(qwenMarked(head(t)), t).toBe(QWEN_SEARCH.test(t));
  });
});
