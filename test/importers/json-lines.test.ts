/**
 * The JSONL reader: whole numbers come through V8's JSON.parse, a line with a decimal or a huge number
 * through the ledger's own parser, which keeps the number's exact text; both give the same JsonNum values;
 * a broken line is an error naming its line and where it broke, and reading goes on.
 */
import { describe, expect, it } from 'vitest';
import { JsonNum, readJsonLines, type JsonItem } from '../../electron/engine/importers/kit/json-parse';

async function items(text: string): Promise<JsonItem[]> {
  async function* source() {
    yield text;
  }
  const out: JsonItem[] = [];
  for await (const i of readJsonLines(source())) out.push(i);
  return out;
}

describe('readJsonLines', () => {
  it('reads whole numbers, exact decimals and huge numbers as JsonNum with their values', async () => {
    const [a, b, c] = await items('{"n":42,"list":[1,{"m":-7}]}\n{"cost":0.10000000000000000555,"n":3}\n{"big":123456789012345678901234}\n');
    expect(a).toEqual({ kind: 'value', line: 1, value: { n: new JsonNum('42'), list: [new JsonNum('1'), { m: new JsonNum('-7') }] } });
    expect(b).toEqual({ kind: 'value', line: 2, value: { cost: new JsonNum('0.10000000000000000555'), n: new JsonNum('3') } });
    expect(c).toEqual({ kind: 'value', line: 3, value: { big: new JsonNum('123456789012345678901234') } });
  });

  it('keeps a "__proto__" key as a plain key, never as the object prototype', async () => {
    const [a] = await items('{"__proto__":5,"x":1}\n');
    const v = (a as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v).sort()).toEqual(['__proto__', 'x']);
  });

  it('names the line of a broken line and goes on', async () => {
    const got = await items('{"a":1}\n{"a":\n{"a":2}\n');
    expect(got.map((i) => [i.kind, i.line])).toEqual([
      ['value', 1],
      ['error', 2],
      ['value', 3],
    ]);
  });
});
