/**
 * dispatch() loads a method's schema with its noun's file (method-specs.ts) instead of the whole contract:
 * every method of methods.ts has the very spec methods.ts gives it, and no other name has one.
 */
import { describe, expect, it } from 'vitest';
import { api, METHOD_NAMES } from '../../shared/contract/methods';
import { methodSpec } from '../../shared/contract/method-specs';
import { testEngine } from '../helpers/engine';

describe('method specs by noun', () => {
  it('gives each method of the contract its own spec', async () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(50);
    for (const m of METHOD_NAMES) expect(await methodSpec(m), m).toBe(api[m]);
  });

  it('gives none for a name the contract does not have, even one of a known noun or of another noun in the same file', async () => {
    for (const name of ['ledger.drop', 'team.export', 'bundle.settings', 'report', 'report.', '.totals', 'toString', 'constructor.name', '__proto__.x', 'hasOwnProperty.x', '']) {
      expect(await methodSpec(name), name).toBeUndefined();
    }
  });

  it('answers UNKNOWN_METHOD listing every method for such a name, before any handler runs', async () => {
    const { engine } = testEngine();
    const result = await engine.dispatch('team.export', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method "team.export". Known methods: ${METHOD_NAMES.join(', ')}` } });
  });
});
