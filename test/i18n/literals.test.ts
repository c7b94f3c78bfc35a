/**
 * No user-visible text in the window outside the message catalogs: the renderer's TSX is parsed and
 * every JSX text with a letter, every user-facing attribute (title, aria-label, placeholder, alt, label...)
 * written as a literal, and every string or template literal that reads as prose (two words, or a
 * capitalised word) fails the test with its file, line and text. Ids, class names, module names, CSS,
 * event keys and message ids are not prose; the few literal strings that are data (product names, example
 * ids in a placeholder) are listed below, each with its reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/harness';

const SRC = join(ROOT, 'renderer', 'src');

/** Attributes whose value a user reads or hears. */
const USER_ATTRS = new Set(['title', 'aria-label', 'aria-description', 'aria-valuetext', 'placeholder', 'alt', 'label', 'summary', 'caption', 'button']);
/** Attributes whose value nobody reads: ids, classes, types, routes, test hooks. */
const CODE_ATTRS = /^(className|key|id|htmlFor|href|type|role|name|value|accept|inputMode|autoCapitalize|autoComplete|list|dateTime|lang|data-.*|aria-(labelledby|describedby|controls|current|live|sort|busy|expanded|pressed|hidden|selected)|stroke|fill|dataKey|stackId|testId|dimension|scope|as|interval|strokeDasharray|tabIndex)$/;

/** Literal strings that are not words of the interface, by file: each a name or an example kept as it is. */
const ALLOWED: Record<string, string[]> = {
  // The product's name, shown as the brand in every language.
  'app/app.tsx': ['Token Ledger'],
  // The language list names each language in its own language.
  // (LOCALE_NAMES lives in shared/i18n, not here.)
  // Tool names (products) in the agent-logs intro.
  'features/imports/agent-logs.tsx': ['Claude Code, Codex, Gemini CLI, opencode, Kilo CLI, Qwen Code, Cline, Roo Code, Kilo Code, Copilot CLI'],
  // Commands and file names shown as code.
  'features/settings/database-file.tsx': ['tokenledger call ledger.backup \'{"path":"/path/to/backup.sqlite"}\''],
  'features/explore/explore-export.ts': ['tokenledger report', 'TOTAL'],
  // "1 USD =": the left side of the rate formula beside the rate field (a currency code and a sign).
  'features/prices/fx-rates.tsx': ['1 USD ='],
  // Model ids as examples in a search field.
  'features/prices/prices-screen.tsx': ['gpt-4o, claude-sonnet-4-5, deepseek-chat…'],
  // Scope examples: ids as the ledger holds them.
  'features/budgets/budget-form.ts': ['US, CN, EU, other'],
};

/** A message id ("overview.title"), a method name ("report.overview"), a route or a file name: not prose. */
const CODE_LIKE = /^([a-z][\w-]*)(\.[\w-]+)+$|^[#/.]|^[a-z][\w-]*$|^[A-Z][A-Za-z]+(Down|Up|Left|Right)$|^(Escape|Enter|Files|UTC)$/;

const isEquality = (b: ts.BinaryExpression) =>
  [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(b.operatorToken.kind);

/** Lists of ids ("openai, anthropic"), zone names and paths ("Europe/London", "~/.claude"), URLs, CSS sizes. */
const DATA_LIKE = [/^[a-z0-9][\w.=-]*(,\s*[a-z0-9][\w.=-]*)+$/, /^[\w+-]+(\/[\w+.-]+)+$/, /^~\//, /^https?:\/\//, /\d(rem|fr|px)\b/];

function isProse(text: string): boolean {
  const t = text.trim();
  if (!/\p{L}/u.test(t) || CODE_LIKE.test(t) || DATA_LIKE.some((r) => r.test(t))) return false;
  if (/[\u3400-\u9fff]/u.test(t)) return true;
  return /\p{L}{2,}[\s,:;!?…’']+\p{L}/u.test(t) || /^\p{Lu}\p{Ll}+/u.test(t);
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Is this literal in a place where it is code: an import, a type, a key, a comparison, a code attribute? */
function codePosition(node: ts.Node): boolean {
  let p = node.parent;
  // A class name chosen in a condition or built in a template is still a class name.
  while (p && (ts.isConditionalExpression(p) || ts.isParenthesizedExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p) || (ts.isBinaryExpression(p) && !isEquality(p)))) {
    if (p.parent && ts.isJsxExpression(p.parent) && p.parent.parent && ts.isJsxAttribute(p.parent.parent)) return CODE_ATTRS.test(p.parent.parent.name.getText());
    p = p.parent;
  }
  p = node.parent;
  if (!p) return false;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p) || ts.isExternalModuleReference(p)) return true;
  if ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isEnumMember(p)) && p.name === node) return true;
  if (ts.isElementAccessExpression(p) && p.argumentExpression === node) return true;
  if (ts.isBinaryExpression(p) && isEquality(p)) return true;
  if (ts.isCaseClause(p)) return true;
  if (ts.isJsxAttribute(p)) return CODE_ATTRS.test(p.name.getText());
  if (ts.isJsxExpression(p) && p.parent && ts.isJsxAttribute(p.parent)) return CODE_ATTRS.test(p.parent.name.getText());
  return false;
}

/** Text inside <code> is a command, a path or a column name: shown as it is typed. */
function inCode(node: ts.Node): boolean {
  const el = node.parent;
  return !!el && ts.isJsxElement(el) && el.openingElement.tagName.getText() === 'code';
}

export function findLiterals(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Finding[] = [];
  const rel = relative(SRC, file);
  const allowed = new Set(ALLOWED[rel] ?? []);
  const report = (node: ts.Node, text: string) => {
    if (allowed.has(text.trim())) return;
    out.push({ file: rel, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (/\p{L}/u.test(node.text) && !inCode(node)) report(node, node.text);
    } else if (ts.isJsxAttribute(node) && USER_ATTRS.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const text = node.initializer.text;
      if (/\p{L}/u.test(text) && !CODE_LIKE.test(text) && !DATA_LIKE.some((r) => r.test(text))) report(node, text);
      return;
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!codePosition(node) && isProse(node.text)) report(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (!codePosition(node) && isProse(parts)) report(node, node.getText());
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('user-visible text in the renderer', () => {
  it('comes from the message catalogs', () => {
    const findings = sourceFiles(SRC).flatMap((f) => findLiterals(f, readFileSync(f, 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('is found in JSX text, user-facing attributes and prose strings (the scanner fails on each)', () => {
    const probe = join(SRC, 'probe.tsx');
    const found = (code: string) => findLiterals(probe, code).map((f) => f.text);
    expect(found('export const A = () => <p>Hello there</p>;')).toEqual(['Hello there']);
    expect(found('export const A = () => <input placeholder="Search models" />;')).toEqual(['Search models']);
    expect(found("export const A = () => <b title={'Two words'} />;")).toEqual(['Two words']);
    expect(found("export const L = { a: 'Overview' };")).toEqual(['Overview']);
    expect(found('export const f = (n: number) => `${n} rows left`;')).toEqual(['`${n} rows left`']);
    expect(found("export const A = () => <p>{'中文'}</p>;")).toEqual(['中文']);
    // Not prose: message ids, class names, keys, comparisons, imports, symbols.
    expect(found("import x from 'react';\nexport const A = () => <p className=\"card wide\" data-testid=\"Some Id\">{t('overview.title')} —</p>;")).toEqual([]);
    expect(found("export const k = (e: { key: string }) => e.key === 'Escape' || e.key === 'ArrowDown';")).toEqual([]);
  });
});
