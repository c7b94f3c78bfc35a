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

/** Numbers (from 0, in the order first seen) for distinct keys of `width` codes: open addressing, at most half full. */
export class TupleIds {
  private keys: Int32Array;
  /** Key number + 1 per slot, 0 empty. */
  private slots = new Int32Array(64);
  size = 0;

  constructor(private readonly width: number) {
    this.keys = new Int32Array(Math.max(1, width) * 32);
  }

  /** The number of `key` (its first `width` codes), a new one when it was never seen. */
  id(key: Int32Array): number {
    const w = this.width;
    let s = keyHash(key, 0, w) & (this.slots.length - 1);
    for (;;) {
      const r = this.slots[s]!;
      if (r === 0) break;
      const o = (r - 1) * w;
      let i = 0;
      while (i < w && this.keys[o + i] === key[i]) i++;
      if (i === w) return r - 1;
      s = (s + 1) & (this.slots.length - 1);
    }
    const id = this.size++;
    while (this.size * w > this.keys.length) this.keys = grown(this.keys);
    this.keys.set(key.subarray(0, w), id * w);
    this.slots[s] = id + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Twice the slots, every key placed again. */
  private rehash(): void {
    const [w, slots] = [this.width, new Int32Array(this.slots.length * 2)];
    for (let r = 0; r < this.size; r++) {
      let s = keyHash(this.keys, r * w, w) & (slots.length - 1);
      while (slots[s] !== 0) s = (s + 1) & (slots.length - 1);
      slots[s] = r + 1;
    }
    this.slots = slots;
  }

  /** Code `j` of key `id`. */
  codeAt(id: number, j: number): number {
    return this.keys[id * this.width + j]!;
  }

  /** Forget every key (the slots keep their size, for as many keys again). */
  clear(): void {
    this.slots.fill(0);
    this.size = 0;
  }
}
