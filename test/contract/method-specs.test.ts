/**
 * dispatch() loads a method's schema with its noun's file (method-specs.ts) instead of the whole contract:
 * every method of methods.ts has the very spec methods.ts gives it, and no other name has one.
 */
import { describe, expect, it } from 'vitest';
import { api, METHOD_NAMES } from '../../shared/contract/methods';
import { methodSpec } from '../../shared/contract/method-specs';
import { toErrorShape } from '../../electron/engine/dispatch';
import { createTranslator } from '../../shared/i18n';
import { sayWith } from '../../shared/i18n/said';
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
    const known = METHOD_NAMES.join(', ');
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `Unknown method "team.export". Known methods: ${known}`, said: { id: 'engine.error.unknownMethod', values: { method: 'team.export', known } } },
    });
    expect(sayWith(createTranslator('zh-CN').intl, result.ok ? undefined! : result.error.said!)).toBe(`未知方法“team.export”。已知方法：${known}`);
  });

  it('says an internal error in the reader\'s language, keeping the cause as it was thrown', () => {
    const shape = toErrorShape(new TypeError("Cannot read properties of undefined (reading 'day')"));
    expect(shape).toEqual({
      code: 'INTERNAL',
      message: "Internal error: Cannot read properties of undefined (reading 'day')",
      said: { id: 'engine.error.internal', values: { message: "Cannot read properties of undefined (reading 'day')" } },
    });
    expect(sayWith(createTranslator('zh-CN').intl, shape.said!)).toBe("内部错误：Cannot read properties of undefined (reading 'day')");
  });
});
