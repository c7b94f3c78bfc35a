/**
 * Tips name projects, keys and members as the reports do: by the user's display name (the one
 * displayName function), never by the raw id when the ledger has a name for it. On the demo ledger,
 * whose keys, members and projects are named.
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';

const WORD = { api_key: 'key', project: 'project', member: 'member' } as const;

describe('tip texts', () => {
  it('say "key Checkout CI", never "key key_checkout_ci", for every named id of the demo', async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    const names = (await client.call('names.list', {})).filter((n) => n.dimension in WORD);
    const report = await client.call('tips.list', {});
    expect(report.tips.length).toBeGreaterThan(0);
    const texts = report.tips.flatMap((t) => [t.title, t.summary, ...t.evidence.aggregates.map((a) => a.label), ...t.evidence.arithmetic]);
    const all = texts.join('\n');
    for (const n of names) expect(all).not.toContain(`${WORD[n.dimension as keyof typeof WORD]} ${n.value}`);
    // Named keys and projects are shown by name in the tips that are about them.
    expect(names.some((n) => all.includes(`${WORD[n.dimension as keyof typeof WORD]} ${n.name}`))).toBe(true);
  });
});
