/**
 * The project's shape, checked from the sources themselves (independently of ESLint, which enforces the
 * same rules while editing): who may import whom, no import circles, small files, and SQL only where the
 * ledger is kept. Every rule is shown failing on a violating example.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mts)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return out;
}

interface Violation {
  file: string;
  spec: string;
  rule: string;
}

const HOSTS = ['electron/cli/', 'electron/server/', 'electron/main/', 'electron/preload/'];
const ENGINE = 'electron/engine';
const LEDGER = 'electron/engine/ledger';
/** The one importer reader that opens another program's SQLite store (read-only). */
const FOREIGN_DB = 'electron/engine/importers/kit/sqlite.ts';
const IMPORTERS = 'electron/engine/importers';

/** The importer folder a file belongs to: 'kit', 'openai'... ('' for the files at importers/ itself). */
function importerFolder(path: string): string {
  const rest = path.slice(IMPORTERS.length + 1);
  return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '';
}

/** Check one file's imports against the rules; `file` is relative to the repo root. */
export function violations(file: string, source: string): Violation[] {
  const out: Violation[] = [];
  for (const spec of importsOf(source)) {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(ts|tsx)$/, '') : null;
    const inside = (dir: string) => target !== null && (target === dir || target.startsWith(dir + '/'));
    const bad = (rule: string) => out.push({ file, spec, rule });
    if (file.startsWith('shared/')) {
      const i18nCore = file.startsWith('shared/i18n/') && spec === '@formatjs/intl';
      if (target === null && spec !== 'zod' && !spec.startsWith('zod/') && !i18nCore) bad('shared/ imports only shared/ and zod');
      if (target !== null && !inside('shared')) bad('shared/ imports only shared/');
    }
    if (file.startsWith('renderer/')) {
      if (spec.startsWith('node:') || spec === 'better-sqlite3' || spec === 'electron') bad('renderer/ never imports node:*, electron or better-sqlite3');
      if (inside('electron')) bad('renderer/ never imports electron/');
    }
    if (file.startsWith(`${ENGINE}/`)) {
      if (spec === 'electron') bad("electron/engine/ never imports 'electron'");
      if (spec === 'react' || spec === 'react-dom' || inside('renderer')) bad('electron/engine/ never imports React or the renderer');
    }
    if (spec === 'better-sqlite3' && !file.startsWith(`${LEDGER}/`) && file !== FOREIGN_DB) bad('only electron/engine/ledger/ imports better-sqlite3');
    if (HOSTS.some((h) => file.startsWith(h))) {
      if (inside(ENGINE) && target !== ENGINE && target !== `${ENGINE}/index` && target !== `${ENGINE}/statusline`) bad('hosts import only electron/engine/index.ts');
      // The message catalogs (JSON) are the hosts' and the window's words, not shared code.
      if (inside('shared') && !inside('shared/contract') && !inside('shared/i18n')) bad('hosts import only shared/contract from shared/');
    }
    if (file.startsWith(`${LEDGER}/`) && inside(ENGINE) && !inside(LEDGER) && target !== `${ENGINE}/errors`) bad('ledger/ imports no feature');
    if (/^electron\/engine\/ledger\/migrations\/\d+-[^/]+\.ts$/.test(file) && spec !== './types') bad('a numbered migration imports nothing live');
    if (file.startsWith(`${IMPORTERS}/`)) {
      const own = importerFolder(file);
      const allowed =
        target === null ||
        inside('shared/domain') ||
        inside(`${IMPORTERS}/kit`) ||
        target === `${IMPORTERS}/types` ||
        (own === '' ? inside(IMPORTERS) : inside(`${IMPORTERS}/${own}`));
      if (!allowed) bad('importers import only shared/domain, importers/kit and their own folder');
    }
  }
  return out;
}

// ---- import circles ------------------------------------------------------------------------------

/** The file an import specifier names (relative to ROOT), or null for a package. */
function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(ROOT, dirname(file), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(c) && existsSync(c) && statSync(c).isFile()) return relative(ROOT, c);
  }
  return null;
}

/**
 * Every import circle among these files (each as the sorted list of its files), by Tarjan's strongly
 * connected components. `resolver` names the file a specifier imports (on disk, by default).
 */
export function importCycles(sources: ReadonlyMap<string, string>, resolver: (file: string, spec: string) => string | null = resolveImport): string[][] {
  const edges = new Map<string, string[]>();
  for (const [file, text] of sources) {
    edges.set(file, [...new Set(importsOf(text).map((s) => resolver(file, s)).filter((t): t is string => t !== null && sources.has(t)))]);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of sources.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

// ---- size and SQL ----------------------------------------------------------------------------------

export const MAX_FILE_LINES = 400;

/** Lines of a file as ESLint's max-lines counts them. */
export const lineCount = (text: string) => text.replace(/\n$/, '').split('\n').length;

/** SQL stays in the ledger and the feature stores: a file elsewhere in the engine neither builds nor runs a statement. */
export function writesSql(file: string, source: string): boolean {
  // FOREIGN_DB runs the queries importers ask of another program's store: never the ledger's SQL.
  if (!file.startsWith(`${ENGINE}/`) || file.startsWith(`${LEDGER}/`) || /store\.ts$/.test(file) || file === FOREIGN_DB) return false;
  return /\bsql`|\bsql\.(raw|join|in)\(|\.prepare\(|\bdb\.exec\(|\.pragma\(/.test(source);
}

const files = ['shared', 'renderer', 'electron'].flatMap((d) => sourceFiles(d));
const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('architecture: who may import whom', () => {
  it('finds the source files it checks', () => {
    expect(files.some((f) => f.startsWith('shared/contract/'))).toBe(true);
    expect(files.some((f) => f.startsWith('renderer/src/'))).toBe(true);
    expect(files.some((f) => f.startsWith(`${LEDGER}/migrations/0`))).toBe(true);
    expect(files.some((f) => f.startsWith(`${IMPORTERS}/kit/`))).toBe(true);
    expect(files.some((f) => f.startsWith('electron/cli/'))).toBe(true);
  });

  it('has no forbidden import anywhere in the tree', () => {
    expect(files.flatMap((f) => violations(f, text(f)))).toEqual([]);
  });

  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';", 'shared/ imports only shared/ and zod'],
    ['shared/domain/x.ts', "import { openLedger } from '../../electron/engine/ledger/connection';", 'shared/ imports only shared/'],
    ['renderer/src/x.tsx', "import Database from 'better-sqlite3';", 'renderer/ never imports node:*, electron or better-sqlite3'],
    ['renderer/src/x.tsx', "import { handlers } from '../../electron/engine/handlers';", 'renderer/ never imports electron/'],
    ['electron/engine/budgets/x.ts', "import { app } from 'electron';", "electron/engine/ never imports 'electron'"],
    ['electron/cli/x.ts', "const D = require('better-sqlite3');", 'only electron/engine/ledger/ imports better-sqlite3'],
    ['electron/engine/imports/x.ts', "import type { Statement } from 'better-sqlite3';", 'only electron/engine/ledger/ imports better-sqlite3'],
    ['electron/cli/commands/x.ts', "import { EngineError } from '../../engine/errors';", 'hosts import only electron/engine/index.ts'],
    ['electron/server/x.ts', "import { openLedger } from '../engine/ledger/connection';", 'hosts import only electron/engine/index.ts'],
    ['electron/main/x.ts', "import { formatNano } from '../../shared/domain/money';", 'hosts import only shared/contract from shared/'],
    ['electron/engine/ledger/x.ts', "import { listBudgets } from '../budgets/store';", 'ledger/ imports no feature'],
    ['electron/engine/ledger/migrations/x.ts', "import { ledgerChanged } from '../../hooks';", 'ledger/ imports no feature'],
    ['electron/engine/ledger/migrations/013-x.ts', "import { refreshRollups } from '../rollups';", 'a numbered migration imports nothing live'],
    ['electron/engine/importers/anthropic/x.ts', "import { granularityOf } from '../openai/shared';", 'importers import only shared/domain, importers/kit and their own folder'],
    ['electron/engine/importers/kit/x.ts', "import { sql } from '../../ledger/sql';", 'importers import only shared/domain, importers/kit and their own folder'],
    ['electron/engine/importers/openai/x.ts', "import type { ApiEvents } from '../../../../shared/contract/events';", 'importers import only shared/domain, importers/kit and their own folder'],
  ])('catches a forbidden import in %s', (file, line, rule) => {
    expect(violations(file, line)).toEqual(expect.arrayContaining([expect.objectContaining({ rule, spec: expect.any(String) })]));
  });

  it('lets allowed imports through', () => {
    expect(violations('shared/domain/x.ts', "import { z } from 'zod';\nimport { Money } from './money';")).toEqual([]);
    expect(violations('electron/engine/ledger/x.ts', "import Database from 'better-sqlite3';\nimport { EngineError } from '../errors';")).toEqual([]);
    expect(violations(FOREIGN_DB, "import type Database from 'better-sqlite3';")).toEqual([]);
    expect(violations('electron/engine/importers/kit/csv.ts', "import type Database from 'better-sqlite3';").map((v) => v.rule)).toEqual(['only electron/engine/ledger/ imports better-sqlite3']);
    expect(violations('renderer/src/x.tsx', "import { api } from '../../shared/contract/methods';")).toEqual([]);
    expect(violations('electron/cli/x.ts', "import { createEngine } from '../engine';\nimport { ApiError } from '../../shared/contract/errors';")).toEqual([]);
    expect(violations('electron/main/x.ts', "import { createEngine } from '../engine/index';")).toEqual([]);
    expect(violations('electron/engine/ledger/migrations/013-x.ts', "import type { Migration } from './types';")).toEqual([]);
    expect(
      violations(
        'electron/engine/importers/openai/x.ts',
        "import { fact } from '../kit/common';\nimport { splitLineItem } from './shared';\nimport type { Importer } from '../types';\nimport type { FactDraft } from '../../../../shared/domain/fact';",
      ),
    ).toEqual([]);
    expect(violations('electron/engine/importers/registry.ts', "import { openaiUsageJson } from './openai/usage-json';")).toEqual([]);
  });
});

describe('architecture: no import circles', () => {
  it('has none in electron/, renderer/src/ or shared/', () => {
    const sources = new Map(files.filter((f) => /^(electron|renderer\/src|shared)\//.test(f)).map((f) => [f, text(f)]));
    expect(importCycles(sources)).toEqual([]);
  });

  it('finds a circle of three files and a file that imports itself, and nothing in a chain', () => {
    const sources = new Map([
      ['electron/engine/ledger/a.ts', "import { b } from './b';"],
      ['electron/engine/ledger/b.ts', "import { c } from '../budgets/c';"],
      ['electron/engine/budgets/c.ts', "import { a } from '../ledger/a';"],
      ['renderer/src/d.tsx', "import { d } from './d';"],
      ['renderer/src/e.tsx', "import { d } from './d';"],
    ]);
    // The examples are not on disk: specifiers resolve against the map.
    const inMap = (file: string, spec: string) => [...sources.keys()].find((f) => f.replace(/\.tsx?$/, '') === relative(ROOT, resolve(ROOT, dirname(file), spec))) ?? null;
    expect(importCycles(sources, inMap)).toEqual([['electron/engine/budgets/c.ts', 'electron/engine/ledger/a.ts', 'electron/engine/ledger/b.ts'], ['renderer/src/d.tsx']]);
    sources.delete('electron/engine/budgets/c.ts');
    expect(importCycles(sources, inMap)).toEqual([['renderer/src/d.tsx']]);
  });
});

describe('architecture: small files, SQL in the stores', () => {
  const sized = files.filter((f) => f.startsWith(`${ENGINE}/`) || f.startsWith('renderer/src/'));

  it(`has no file over ${MAX_FILE_LINES} lines in electron/engine or renderer/src`, () => {
    expect(sized.filter((f) => lineCount(text(f)) > MAX_FILE_LINES)).toEqual([]);
    expect(lineCount('x\n'.repeat(MAX_FILE_LINES + 1))).toBeGreaterThan(MAX_FILE_LINES);
  });

  it('keeps SQL in electron/engine/ledger and the feature stores', () => {
    expect(files.filter((f) => writesSql(f, text(f)))).toEqual([]);
    expect(writesSql('electron/engine/budgets/service.ts', 'const q = sql`SELECT 1`;')).toBe(true);
    expect(writesSql('electron/engine/imports/run.ts', "db.exec('BEGIN IMMEDIATE');")).toBe(true);
    expect(writesSql('electron/engine/budgets/usage-store.ts', 'const q = sql`SELECT 1`;')).toBe(false);
    expect(writesSql('electron/engine/imports/parse.ts', "import type { SqlValue } from '../ledger/sql';")).toBe(false);
    expect(writesSql('electron/engine/importers/aws/cur-csv.ts', 'const m = /x/.exec(u);')).toBe(false);
  });
});

describe('ESLint enforces the same rules', () => {
  const eslint = new ESLint({ cwd: ROOT });
  async function lint(file: string, code: string, rule = 'no-restricted-imports'): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
  }

  it('fails on node:* in shared/', async () => {
    expect(await lint('shared/domain/lint-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual(
      expect.arrayContaining([expect.stringContaining('Node built-ins are not available here')]),
    );
  });

  it('fails on better-sqlite3 in the renderer and in a feature, accepts it in the ledger', async () => {
    const probe = "import Database from 'better-sqlite3';\nexport const x = Database;\n";
    expect(await lint('renderer/src/lint-probe.ts', probe)).toEqual([expect.stringContaining('may import better-sqlite3')]);
    expect(await lint('electron/engine/budgets/lint-probe.ts', probe)).toEqual([expect.stringContaining('Only electron/engine/ledger/ (and importers/kit/sqlite.ts')]);
    expect(await lint('electron/engine/importers/kit/lint-probe.ts', probe)).toEqual([expect.stringContaining('may import better-sqlite3')]);
    expect(await lint('electron/engine/importers/kit/sqlite.ts', probe)).toEqual([]);
    expect(await lint('electron/engine/ledger/lint-probe.ts', probe)).toEqual([]);
  });

  it("fails on 'electron' in the engine", async () => {
    expect(await lint('electron/engine/lint-probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([expect.stringContaining("never import 'electron'")]);
  });

  it('fails on a host reaching past the engine’s front door, or into shared/domain', async () => {
    expect(await lint('electron/cli/commands/lint-probe.ts', "import { EngineError } from '../../engine/errors';\nexport const x = EngineError;\n")).toEqual([
      expect.stringContaining('Hosts import only electron/engine/index.ts'),
    ]);
    expect(await lint('electron/server/lint-probe.ts', "import { formatNano } from '../../shared/domain/money';\nexport const x = formatNano;\n")).toEqual([
      expect.stringContaining('Hosts import only shared/contract'),
    ]);
    expect(await lint('electron/main/lint-probe.ts', "import { createEngine } from '../engine';\nimport { CSP } from '../../shared/contract/transport';\nexport const x = [createEngine, CSP];\n")).toEqual([]);
  });

  it('fails on the ledger importing a feature', async () => {
    expect(await lint('electron/engine/ledger/lint-probe.ts', "import { listBudgets } from '../budgets/store';\nexport const x = listBudgets;\n")).toEqual([
      expect.stringContaining('electron/engine/ledger/ imports no feature'),
    ]);
    expect(await lint('electron/engine/ledger/lint-probe.ts', "import { EngineError } from '../errors';\nexport const x = EngineError;\n")).toEqual([]);
  });

  it('fails on a numbered migration importing live code', async () => {
    expect(await lint('electron/engine/ledger/migrations/099-lint-probe.ts', "import { refreshRollups } from '../rollups';\nexport const x = refreshRollups;\n")).toEqual([
      expect.stringContaining('A numbered migration imports nothing live'),
    ]);
    expect(await lint('electron/engine/ledger/migrations/099-lint-probe.ts', "import type { Migration } from './types';\nexport type X = Migration;\n")).toEqual([]);
  });

  it('fails on an importer importing another vendor’s folder or the engine', async () => {
    expect(await lint('electron/engine/importers/anthropic/lint-probe.ts', "import { granularityOf } from '../openai/shared';\nexport const x = granularityOf;\n")).toEqual([
      expect.stringContaining('An importer imports only importers/kit'),
    ]);
    expect(await lint('electron/engine/importers/kit/lint-probe.ts', "import { sql } from '../../ledger/sql';\nexport const x = sql;\n")).toEqual([
      expect.stringContaining('Importers import nothing outside importers/ but shared/domain'),
    ]);
    expect(
      await lint('electron/engine/importers/openai/lint-probe.ts', "import { fact } from '../kit/common';\nimport type { FactDraft } from '../../../../shared/domain/fact';\nexport const x: FactDraft | null = fact ? null : null;\n"),
    ).toEqual([]);
  });

  it(`fails on a file over ${MAX_FILE_LINES} lines and a function over 100 lines in the engine and the window`, async () => {
    const long = Array.from({ length: MAX_FILE_LINES + 5 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    expect(await lint('electron/engine/budgets/lint-probe.ts', long, 'max-lines')).toEqual([expect.stringContaining('File has too many lines')]);
    const fn = `export function f(): number {\n  let n = 0;\n${'  n++;\n'.repeat(100)}  return n;\n}\n`;
    expect(await lint('electron/engine/budgets/lint-probe.ts', fn, 'max-lines-per-function')).toEqual([expect.stringContaining('too many lines')]);
    expect(await lint('shared/domain/lint-probe.ts', fn, 'max-lines-per-function')).toEqual([expect.stringContaining('too many lines')]);
    expect(await lint('renderer/src/features/lint-probe.tsx', long, 'max-lines')).toEqual([expect.stringContaining('File has too many lines')]);
    expect(await lint('renderer/src/features/lint-probe.tsx', fn, 'max-lines-per-function')).toEqual([expect.stringContaining('too many lines')]);
  });
});
