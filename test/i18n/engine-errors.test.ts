/**
 * Every error the engine shows a person carries a message id of the engine catalog and its values, so the
 * window and the CLI can say it in the user's language. The engine's sources are parsed and the test fails,
 * naming file and line, on:
 *  - an EngineError built without its `said` (the 4th argument): saidError() / ledgerError() make one;
 *  - a FieldError (a bad cell of an import) whose message is not an `engine.row.*` id literal;
 *  - a row error (an object with `kind: 'error'`) that carries a `message` instead of a `said`;
 *  - a `refusal:` or `error:` property written as words (a webhook's recorded failure) instead of a said;
 *  - an `engine.row.*` / `engine.error.*` id written in the engine that is missing from either catalog;
 *  - a plain `new Error(...)` with words in it, outside the short list below of errors no user can cause.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import enEngine from '../../shared/i18n/en/engine.json';
import zhEngine from '../../shared/i18n/zh-CN/engine.json';
import { ROOT } from '../e2e/harness';

const ENGINE = join(ROOT, 'electron', 'engine');

/**
 * Plain Errors with words that no user of the window or the CLI can trigger, by file, each with its reason.
 * Everything else a person can see is an EngineError with a message id.
 */
const INTERNAL: Record<string, string> = {
  // TOKENLEDGER_NOW pins the clock for tests and benchmarks; a person never sets it.
  'clock.ts': 'a fixed clock for tests',
  // The worker is sent only ids of the registry it was built with.
  'imports/parse-worker.ts': 'an importer id the main thread took from the same registry',
  // The demo's price look-ups are of the bundled catalog, fixed at build time (a test loads the demo).
  'imports/demo-story/providers.ts': 'the bundled demo catalog',
  // Token classes are the contract's enum, checked by zod before any query; a scope with tags is read from
  // the facts (modelMix picks them), never asked of the rollups.
  'budgets/usage-store.ts': 'a token class outside the contract enum, or a scope with tags asked of the rollups',
  // A chunk never repeats an identity (the parser merges repeats); if one did, the insert stops as the
  // ledger's UNIQUE index stopped the plain INSERT before, and the import reports an internal error.
  'imports/classify.ts': 'a chunk repeating an identity, which the parser rules out',
  // Chunks come from the worker over one MessagePort, in order, and chunk-source.ts hands each to the
  // inserting thread's tuples before anything reads it: a tuple missing is this code's fault, never a file's.
  'imports/fact-dims.ts': 'a chunk lost between the worker and the inserting thread, which one MessagePort rules out',
  'imports/fact-store.ts': 'a chunk with numbered tuples that chunk-source.ts did not hand to the tuples first',
  // A cancelled import's signal: parseChunks turns it into the CANCELLED engine error before anyone sees it.
  'importers/kit/common.ts': 'the abort signal, replaced by the cancelled error',
  // The status line answers a coding agent in milliseconds without the catalogs (its light path loads no
  // formatter); its one failure goes to the agent's stderr, not to the window or a terminal.
  'statusline.ts': 'the status line light path',
};

const enIds = new Set(Object.keys(enEngine));
const zhIds = new Set(Object.keys(zhEngine));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(n) && !/\.test\.ts$/.test(n) ? [p] : [];
  });
}

interface Finding {
  file: string;
  line: number;
  what: string;
}

const hasWords = (n: ts.Node | undefined) => n !== undefined && /\p{L}{2,}\s+\p{L}/u.test(n.getText());
const calleeName = (e: ts.NewExpression) => (ts.isIdentifier(e.expression) ? e.expression.text : '');

function findings(path: string): Finding[] {
  const file = relative(ENGINE, path).split('\\').join('/');
  const src = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Finding[] = [];
  const at = (n: ts.Node, what: string) => out.push({ file, line: src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1, what });
  const visit = (n: ts.Node) => {
    if (ts.isNewExpression(n)) {
      const name = calleeName(n);
      const args = n.arguments ?? [];
      if (name === 'EngineError' && args.length < 4) at(n, `EngineError without its said: ${n.getText().slice(0, 90)}`);
      if (name === 'FieldError' && !(args[1] && ts.isStringLiteral(args[1]) && args[1].text.startsWith('engine.row.'))) at(n, `FieldError without an engine.row id: ${n.getText().slice(0, 90)}`);
      if (name === 'Error' && hasWords(args[0]) && !(file in INTERNAL)) at(n, `a plain Error with words: ${n.getText().slice(0, 90)}`);
    }
    if (ts.isObjectLiteralExpression(n)) {
      const props = new Map(n.properties.flatMap((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? [[p.name.getText(), p] as const] : [])));
      const kind = props.get('kind');
      if (kind && ts.isPropertyAssignment(kind) && kind.initializer.getText() === "'error'" && props.has('message')) at(n, `a row error with a message instead of a said: ${n.getText().slice(0, 90)}`);
      // A recorded failure (a webhook's refusal or error) written as prose instead of a said.
      for (const key of ['refusal', 'error']) {
        const p = props.get(key);
        if (p && ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.initializer) || ts.isTemplateExpression(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer)) && hasWords(p.initializer)) at(n, `a ${key} written as prose instead of a said: ${n.getText().slice(0, 90)}`);
      }
    }
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && /^engine\.(row|error)\.[\w.-]+$/.test(n.text)) {
      if (!enIds.has(n.text) || !zhIds.has(n.text)) at(n, `${n.text} is not in both engine catalogs`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe('engine errors a user sees', () => {
  it('carry a message id of the engine catalogs, never English prose alone', () => {
    const all = sourceFiles(ENGINE).flatMap(findings);
    expect(all.map((f) => `${f.file}:${f.line} ${f.what}`)).toEqual([]);
  });

  it('the check finds what it is for', () => {
    const probe = (code: string): string[] => {
      const src = ts.createSourceFile('probe.ts', code, ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (n: ts.Node) => {
        if (ts.isNewExpression(n) && calleeName(n) === 'EngineError' && (n.arguments?.length ?? 0) < 4) found.push('engine');
        if (ts.isNewExpression(n) && calleeName(n) === 'Error' && hasWords(n.arguments?.[0])) found.push('plain');
        ts.forEachChild(n, visit);
      };
      visit(src);
      return found;
    };
    expect(probe("throw new EngineError('NOT_FOUND', `No batch ${id}`);")).toEqual(['engine']);
    expect(probe("throw new Error('the ledger is gone');")).toEqual(['plain']);
    expect(probe("throw saidError('NOT_FOUND', 'engine.error.noBatch', { batch });")).toEqual([]);
  });

  it('every allowed plain Error still exists (the list stays short and true)', () => {
    for (const file of Object.keys(INTERNAL)) {
      const text = readFileSync(join(ENGINE, file), 'utf8');
      expect(/new Error\(/.test(text), file).toBe(true);
    }
  });
});
