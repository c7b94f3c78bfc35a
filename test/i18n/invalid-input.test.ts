/**
 * The contract's validation reasons come from the catalogs: every message a schema of shared/contract or
 * shared/domain writes itself (a regex's or refine's text) is said by a catalog id whose English is that
 * text word for word, and each zod issue code has a short reason of its own, in English and in Chinese.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createIntl } from '@formatjs/intl';
import ts from 'typescript';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { inputIssues, issueReason } from '../../shared/contract/invalid-input';
import { SANE_DATES } from '../../shared/domain/time';
import { english } from '../../shared/i18n/english';
import { sayWith } from '../../shared/i18n/said';
import zhEngine from '../../shared/i18n/zh-CN/engine.json';
import enErrors from '../../shared/i18n/en/errors.json';
import zhErrors from '../../shared/i18n/zh-CN/errors.json';
import { statusWords } from '../../shared/i18n/statusline';
import { ROOT } from '../e2e/harness';

const zh = createIntl<string>({ locale: 'zh-CN', messages: zhEngine, onError: (e) => { throw e; } });

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(n) && !/\.test\.ts$/.test(n) ? [p] : [];
  });
}

const CHECKS = new Set(['regex', 'refine', 'min', 'max', 'length', 'url']);

/** The messages the schemas write: the text argument of .regex/.refine/.min/... or its `message`. */
function schemaMessages(): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  for (const path of [...sourceFiles(join(ROOT, 'shared', 'contract')), ...sourceFiles(join(ROOT, 'shared', 'domain'))]) {
    const src = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (n: ts.Node) => {
      const text = ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : ts.isTemplateExpression(n) ? n.getText().slice(1, -1).replace('${SANE_DATES}', SANE_DATES) : undefined;
      if (text !== undefined) out.push({ at: `${relative(ROOT, path)}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1}`, text });
    };
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && CHECKS.has(n.expression.name.text)) {
        for (const a of n.expression.name.text === 'url' ? n.arguments : n.arguments.slice(1)) {
          add(a);
          if (ts.isObjectLiteralExpression(a)) for (const p of a.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === 'message') add(p.initializer);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return out;
}

const custom = (message: string) => ({ code: 'custom', path: ['x'], message, input: undefined }) as unknown as z.core.$ZodIssue;

describe('validation reasons', () => {
  it('every message a schema writes is a catalog reason with that exact English', () => {
    const messages = schemaMessages();
    expect(messages.length).toBeGreaterThan(20);
    const missing = messages.filter((m) => {
      const s = issueReason(custom(m.text), undefined);
      return s.id === 'engine.error.input.invalid' || english(s) !== m.text;
    });
    expect(missing).toEqual([]);
  });

  it('each zod issue code has a short reason, in English and Chinese', () => {
    const schema = z
      .object({ name: z.string().min(1), notes: z.string().max(5), n: z.number().int().min(1), cap: z.number().max(10), tags: z.array(z.string()).min(2), kind: z.enum(['day', 'month']), hook: z.string().url(), flag: z.boolean(), on: z.boolean() })
      .strict();
    const input = { name: '', notes: 'too long', n: 0, cap: 11, tags: [], kind: 'week', hook: 'not a url', flag: 'yes', extra: 1 };
    const issues = inputIssues(schema.safeParse(input).error!, input);
    expect(issues.map((i) => `${i.path}: ${english(i.said)} | ${sayWith(zh, i.said)}`)).toEqual([
      'name: cannot be empty | 不能为空',
      'notes: must be at most 5 characters | 最多 5 个字符',
      'n: must be at least 1 | 不能小于 1',
      'cap: must be at most 10 | 不能大于 10',
      'tags: needs at least 2 items | 至少需要 2 项',
      'kind: expected one of "day", "month" | 应为以下之一："day", "month"',
      'hook: expected a URL | 应为网址',
      'flag: expected true or false | 应为 true 或 false',
      'on: required | 必填',
      '(input): unknown field "extra" | 未知字段（1 个）："extra"',
    ]);
  });

  it('the status line says bad stdin in the full CLI’s words, from its own small catalog', () => {
    expect(statusWords('en')['statusline.badInput']).toBe(enErrors['errors.statusline.badInput']);
    expect(statusWords('zh-CN')['statusline.badInput']).toBe(zhErrors['errors.statusline.badInput']);
  });
});
