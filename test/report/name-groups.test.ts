/**
 * Ids that share a display name are one project: on the demo (one project set up in several vendors'
 * consoles, and an OpenRouter app named like a project) the Overview lists each project once, each
 * grouped row is the sum of its ids, and the Overview, Explore, `report --by project --json` and a budget
 * scoped to the project's name give the same figure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { ReportExplore } from '../../shared/contract/api/report';
import { displayName } from '../../shared/domain/names';
import { parseDecimalToNano } from '../../shared/domain/money';
import { captureIo, testEngine, type TestEngine } from '../helpers/engine';

const nano = (v: string | null | undefined) => parseDecimalToNano(v ?? 'NaN');

describe('projects named alike on the demo', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine();
    await t.client.call('demo.load', {});
  }, 120_000);

  it('the Overview lists each project name once, with the ids each row stands for', async () => {
    const o = await t.client.call('report.overview', { timeZone: 'UTC', currency: 'USD' });
    const shown = o.topProjects.filter((p) => p.key !== null).map((p) => displayName(o.names, 'project', p.key!));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(new Set(shown).size).toBe(shown.length);
    for (const name of ['Support bot', 'Data pipeline', 'Checkout web']) expect(shown).toContain(name);
    // Each merged row says which ids it holds; every one of them is named as the row, or is the name's text.
    const merged = Object.entries(o.ids.project ?? {});
    expect(merged.length).toBeGreaterThanOrEqual(3);
    const names = Object.fromEntries((await t.client.call('names.list', { dimension: 'project' })).map((n) => [n.value, n.name]));
    for (const [key, ids] of merged) {
      expect(ids.length, key).toBeGreaterThan(1);
      for (const id of ids) expect(names[id] ?? id, `${key}: ${id}`).toBe(o.names.project![key]);
    }
  });

  it('each grouped row is the sum of its ids (the same view with the names taken away)', async () => {
    const view = { from: '2025-07-01', to: '2025-10-20', timeZone: 'UTC', currency: 'USD', groupBy: ['project' as const], bucket: 'none' as const };
    const grouped = await t.client.call('report.explore', view);
    const names = await t.client.call('names.list', { dimension: 'project' });
    const t2 = testEngine();
    await t2.client.call('demo.load', {});
    for (const n of names) await t2.client.call('names.remove', { dimension: 'project', value: n.value });
    const apart = await t2.client.call('report.explore', view);
    const byId = new Map(apart.rows.map((r) => [r.keys[0] ?? null, r]));
    expect(grouped.rows.length).toBeLessThan(apart.rows.length);
    for (const g of grouped.rows) {
      const key = g.keys[0] ?? null;
      const ids = key === null ? [null] : (grouped.ids.project?.[key] ?? [key]);
      const parts = ids.map((id) => byId.get(id)!);
      expect(parts.every(Boolean), String(key)).toBe(true);
      expect(nano(g.spendDisplay), String(key)).toBe(parts.reduce((s, p) => s + nano(p.spendDisplay), 0n));
      expect(g.facts, String(key)).toBe(parts.reduce((s, p) => s + p.facts, 0));
      expect(g.tokens.input, String(key)).toBe(parts.reduce((s, p) => s + p.tokens.input, 0));
    }
    expect(nano(grouped.totals.spendDisplay)).toBe(nano(apart.totals.spendDisplay));
  });

  it('the Overview, Explore, `report --by project --json`, its filter and a budget of the name give one figure', async () => {
    const o = await t.client.call('report.overview', { timeZone: 'UTC', currency: 'USD' });
    const { from, to } = o.period;
    const explore = await t.client.call('report.explore', { from, to, timeZone: 'UTC', currency: 'USD', groupBy: ['project'], bucket: 'none' });
    const io = captureIo();
    expect(await runCli(['report', '--db', t.dbPath, '--by', 'project', '--from', from, '--to', to, '--tz', 'UTC', '--currency', 'USD', '--json'], io)).toBe(0);
    const cli = JSON.parse(io.stdout.join('')) as ReportExplore;
    for (const name of ['Support bot', 'Data pipeline', 'Checkout web']) {
      const key = o.topProjects.find((p) => p.key !== null && displayName(o.names, 'project', p.key) === name)!.key!;
      const row = (r: ReportExplore) => r.rows.find((g) => g.keys[0] === key)?.spendDisplay;
      // The CLI's key is the same key, and the same ids stand behind it.
      expect(cli.ids.project?.[key], name).toEqual(o.ids.project?.[key]);
      // A filter by the name, or by any id of the group, counts the whole group.
      const anyId = o.ids.project![key]!.at(-1)!;
      const filtered = await Promise.all(
        [name, anyId].map((v) => t.client.call('report.explore', { from, to, timeZone: 'UTC', currency: 'USD', groupBy: [], bucket: 'none', filters: { project: [v] } })),
      );
      const budget = await t.client.call('budgets.preview', {
        budget: { name, scope: { projects: [name] }, period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '1000', currency: 'USD' } },
        at: `${to}T23:00:00Z`,
      });
      const figures = [o.topProjects.find((p) => p.key === key)!.spendDisplay, row(explore), row(cli), ...filtered.map((f) => f.totals.spendDisplay), budget.spent].map(nano);
      expect(new Set(figures).size, `${name}: ${figures.join(' ')}`).toBe(1);
      expect(figures[0]! > 0n, name).toBe(true);
    }
  });
});
