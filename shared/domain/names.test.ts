import { describe, expect, it } from 'vitest';
import { expandValues, groupKeysByName, NameGroups } from './names';

const names = { proj_support: 'Support bot', wrkspc_9: 'Support bot', proj_web: 'Checkout web', a: 'b', b: 'c' };

describe('name groups', () => {
  const g = new NameGroups(names);

  it('keys ids named alike by the first of them, and an unnamed id of that text joins the group', () => {
    expect(['proj_support', 'wrkspc_9', 'Support bot'].map((id) => g.keyOf(id))).toEqual(['proj_support', 'proj_support', 'proj_support']);
    expect(g.keyOf('proj_web')).toBe('proj_web');
    expect(g.keyOf('other')).toBe('other');
    expect(g.nameOf('proj_support')).toBe('Support bot');
    expect(g.nameOf('other')).toBeNull();
  });

  it('a name, the key or any id stands for the whole group; an id named apart stays in its own name', () => {
    const support = ['Support bot', 'proj_support', 'wrkspc_9'];
    for (const v of ['Support bot', 'proj_support', 'wrkspc_9']) expect(g.idsOf(v)).toEqual(support);
    expect(g.idsOf('unknown')).toEqual(['unknown']);
    // "b" is both an id (named "c") and the name of "a": as an id it is the group "c" (with an unnamed id "c").
    expect(g.idsOf('b')).toEqual(['b', 'c']);
    expect(g.idsOf('a')).toEqual(['a']);
    expect(g.keyOf('b')).toBe('b');
    expect(expandValues(g, ['Support bot', null, 'wrkspc_9'])).toEqual([...support, null]);
  });

  it('idsOf is the inverse of keyOf over every id', () => {
    const ids = [...Object.keys(names), 'Support bot', 'Checkout web', 'c', 'other'];
    for (const id of ids) {
      const members = ids.filter((x) => g.keyOf(x) === g.keyOf(id));
      expect(g.idsOf(g.keyOf(id)).filter((x) => ids.includes(x)).sort(), id).toEqual(members.sort());
    }
  });

  it('re-keys rows by group and lists the ids behind each merged key', () => {
    const rows = [{ keys: ['Support bot', 'x'] }, { keys: ['wrkspc_9', 'x'] }, { keys: ['proj_web', null] }, { keys: [null, 'y'] }];
    const { rows: out, grouped } = groupKeysByName(rows, ['project', 'model'], (d) => (d === 'project' ? g : null));
    expect(out.map((r) => r.keys)).toEqual([['proj_support', 'x'], ['proj_support', 'x'], ['proj_web', null], [null, 'y']]);
    expect(grouped).toEqual({ names: { project: { proj_support: 'Support bot', proj_web: 'Checkout web' } }, ids: { project: { proj_support: ['Support bot', 'wrkspc_9'] } } });
  });
});
