import { describe, expect, it } from 'vitest';
import { sql } from './sql';

describe('the sql template', () => {
  it('binds every interpolated value as a parameter, never as text', () => {
    const name = "x'); DROP TABLE usage_facts; --";
    const q = sql`SELECT * FROM settings WHERE key = ${name} AND n > ${3}`;
    expect(q.text).toBe('SELECT * FROM settings WHERE key = ? AND n > ?');
    expect(q.params).toEqual([name, 3]);
  });

  it('nests fragments, joins them and expands IN lists with their parameters in order', () => {
    const where = sql.join([sql`a = ${1}`, sql`b IN ${sql.in(['x', 'y'])}`], ' AND ');
    const q = sql`SELECT 1 FROM t WHERE ${where} LIMIT ${10}`;
    expect(q.text).toBe('SELECT 1 FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?');
    expect(q.params).toEqual([1, 'x', 'y', 10]);
  });

  it('turns booleans into 0/1 and an empty IN list into one that matches nothing', () => {
    expect(sql`x = ${true}`.params).toEqual([1]);
    expect(sql`x IN ${sql.in([])}`.text).toBe('x IN (NULL)');
  });
});
