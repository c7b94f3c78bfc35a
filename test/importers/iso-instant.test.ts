/**
 * parseIsoInstant reads the usual 'YYYY-MM-DD[T ]HH:MM:SS(.f…)(Z)' of agents' logs and exports without its pattern: on any
 * text the instant must be the pattern's own (isoByPattern), or a record would be dated otherwise (or
 * refused, or kept with an impossible date) depending on how its timestamp was read.
 */
import { describe, expect, it } from 'vitest';
import { isoByPattern, parseIsoInstant } from '../../electron/engine/importers/kit/common';

/** Texts near the usual shape: its characters replaced, cut, lengthened, with edge values of each field. */
function* texts(count: number): Generator<string> {
  const bases = ['2025-09-28T15:00:07Z', '2025-09-28T15:00:07.123Z', '2024-02-29T23:59:59.9Z', '2023-02-29T00:00:00Z', '0099-12-31T10:00:00Z', '2025-13-01T00:00:00Z', '2025-04-31T00:00:00.123456Z', '2025-09-28T24:00:00Z', '2025-09-28T15:60:00Z', '2025-09-28T15:00:60Z', '2025-00-10T00:00:00Z', '2025-01-00T00:00:00Z', '1900-02-29T01:02:03.04Z', '2025-09-01 00:00:00.000', '2025-09-01 23:59:59', '2025-09-28T15:00:07', '2025-09-28 15:00:07Z', '2025-09-28T15:00:07.5', '2024-02-30 12:00:00.000'];
  const alphabet = ['0', '1', '2', '3', '5', '9', '-', ':', '.', 'T', 't', ' ', 'Z', 'z', '+', '/', '\u0660', 'a', '', '00', '.5'];
  let seed = 2025;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) >>> 8;
  for (const b of bases) yield b;
  for (let i = 0; i < count; i++) {
    let t = bases[next() % bases.length]!;
    const edits = next() % 3;
    for (let e = 0; e < edits; e++) {
      const at = next() % (t.length + 1);
      const c = alphabet[next() % alphabet.length]!;
      const how = next() % 3;
      t = how === 0 ? t.slice(0, at) + c + t.slice(at + 1) : how === 1 ? t.slice(0, at) + c + t.slice(at) : t.slice(0, at) + t.slice(at + 1);
    }
    yield t;
  }
}

describe('parseIsoInstant', () => {
  it("dates every text as its pattern does: the usual shape, its neighbours, impossible days and times, 2-digit years", () => {
    let dated = 0;
    for (const t of texts(40_000)) {
      const want = isoByPattern(t);
      expect([t, parseIsoInstant(t)]).toEqual([t, want]);
      if (want !== null) dated++;
    }
    // The texts reach both answers (a reading that refuses everything would pass otherwise).
    expect(dated).toBeGreaterThan(2_000);
  });

  it("refuses a day its month does not have as the calendar does (leap years by the 4/100/400 rule)", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let refused = 0;
    for (const y of [100, 1600, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let mo = 1; mo <= 12; mo++) {
        for (const d of [1, 28, 29, 30, 31, 32]) {
          const t = Date.UTC(y, mo - 1, d, 12);
          const real = new Date(t).getUTCMonth() === mo - 1 && new Date(t).getUTCDate() === d;
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T12:00:00Z`;
          expect([text, parseIsoInstant(text)]).toEqual([text, real ? t : null]);
          expect([text, isoByPattern(text)]).toEqual([text, real ? t : null]);
          if (!real) refused++;
        }
      }
    }
    // the 32nds, the 31sts of five months, 30 February, 29 February of the six common years
    expect(refused).toBe(10 * 12 + 10 * 5 + 10 + 6);
  });

  it('reads the usual shapes to the millisecond', () => {
    expect(parseIsoInstant('2025-09-28T15:00:07Z')).toBe(Date.UTC(2025, 8, 28, 15, 0, 7));
    expect(parseIsoInstant('2025-09-28T15:00:07.1Z')).toBe(Date.UTC(2025, 8, 28, 15, 0, 7, 100));
    expect(parseIsoInstant('2025-09-28T15:00:07.123987Z')).toBe(Date.UTC(2025, 8, 28, 15, 0, 7, 123));
    expect(parseIsoInstant('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseIsoInstant('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseIsoInstant('0099-01-01T00:00:00Z')).toBeNull();
    expect(parseIsoInstant('2025-09-01 12:34:56.789')).toBe(Date.UTC(2025, 8, 1, 12, 34, 56, 789));
    expect(parseIsoInstant('2025-09-01T12:34:56')).toBe(Date.UTC(2025, 8, 1, 12, 34, 56));
  });
});
