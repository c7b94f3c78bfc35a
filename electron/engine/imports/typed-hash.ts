/** Helpers of the summing hash tables (fact-sums-store.ts): keys are rows of small codes in typed arrays. */

/** A small number per distinct value of each key part (a row's column, the hour, the batch), and back. */
export class Codes {
  private readonly maps: Map<unknown, number>[];
  readonly values: unknown[][];

  constructor(parts: number) {
    this.maps = Array.from({ length: parts }, () => new Map());
    this.values = Array.from({ length: parts }, () => []);
  }

  code(part: number, value: unknown): number {
    const m = this.maps[part]!;
    let id = m.get(value);
    if (id === undefined) {
      id = m.size;
      m.set(value, id);
      this.values[part]!.push(value);
    }
    return id;
  }
}

/** The hash of the `width` codes of a key from `at` (FNV-1a over 32-bit codes, its high bits folded in). */
export function keyHash(codes: Int32Array, at: number, width: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < width; i++) h = Math.imul(h ^ codes[at + i]!, 0x01000193);
  return h ^ (h >>> 15);
}

/** A typed array of twice the length, holding the same values first. */
export function grown<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
