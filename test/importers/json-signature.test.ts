/**
 * A JSON format's signature (matchJsonKeys): a key counts only where the file writes it as a key (quoted,
 * then optional whitespace of any kind and a colon), never where the same word is a value; a file lacking a
 * key says which, and how much of the signature it has.
 */
import { describe, expect, it } from 'vitest';
import { matchJsonKeys } from '../../electron/engine/importers/kit/common';
import type { FileHead } from '../../electron/engine/importers/types';

const head = (text: string): FileHead => ({ fileName: 'x.json', text, encoding: 'utf-8', csvHeader: null, delimiter: null });

describe('matchJsonKeys', () => {
  it('finds keys written with whitespace before the colon, tabs, newlines and no-break spaces included', () => {
    expect(matchJsonKeys(head('{"a" : 1, "b"\t:2, "c"\n:3, "d"\u00a0: 4}'), ['a', 'b', 'c', 'd'])).toEqual({ match: true });
  });

  it('does not take a word written as a value, or a key broken by another character, for the key', () => {
    expect(matchJsonKeys(head('{"type": "payload", "x": ["data", 1], "y"\u0001: 2}'), ['type', 'payload', 'data', 'y'])).toEqual({
      match: false,
      score: 0.25,
      missing: ['payload', 'data', 'y'],
    });
  });

  it('reads a key right after an escaped quote of a value, as a search of the text does', () => {
    expect(matchJsonKeys(head('{"note": "say \\"hi\\"", "model":"m"}'), ['note', 'model'])).toEqual({ match: true });
    expect(matchJsonKeys(head('{"x": "a\\"b": 1}'), ['b'])).toEqual({ match: true });
  });

  it('answers the same for the same head asked by many formats, and per head', () => {
    const a = head('{"sessionId":"1","uuid":"u"}');
    const b = head('{"payload":{}}');
    for (let i = 0; i < 3; i++) {
      expect(matchJsonKeys(a, ['sessionId', 'uuid'])).toEqual({ match: true });
      expect(matchJsonKeys(b, ['sessionId'])).toEqual({ match: false, score: 0, missing: ['sessionId'] });
      expect(matchJsonKeys(b, ['payload'])).toEqual({ match: true });
    }
  });
});
