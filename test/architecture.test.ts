/**
 * The layering of DESIGN.md §1, checked from the sources themselves (independently of ESLint, which
 * enforces the same rules while editing): who may import whom.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
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

/** Check one file's imports against the rules; `file` is relative to the repo root. */
export function violations(file: string, source: string): Violation[] {
  const out: Violation[] = [];
  for (const spec of importsOf(source)) {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : null;
    const inside = (dir: string) => target !== null && (target === dir || target.startsWith(dir + '/'));
    const bad = (rule: string) => out.push({ file, spec, rule });
    if (file.startsWith('shared/')) {
      if (target === null && spec !== 'zod' && !spec.startsWith('zod/')) bad('shared/ imports only shared/ and zod');
      if (target !== null && !inside('shared')) bad('shared/ imports only shared/');
    }
    if (file.startsWith('renderer/')) {
      if (spec.startsWith('node:') || spec === 'better-sqlite3' || spec === 'electron') bad('renderer/ never imports node:*, electron or better-sqlite3');
      if (inside('electron')) bad('renderer/ never imports electron/');
    }
    if (file.startsWith('electron/engine/')) {
      if (spec === 'electron') bad("electron/engine/ never imports 'electron'");
      if (spec === 'react' || spec === 'react-dom' || inside('renderer')) bad('electron/engine/ never imports React or the renderer');
    }
    if (spec === 'better-sqlite3' && !file.startsWith('electron/engine/db/')) bad('only electron/engine/db/ imports better-sqlite3');
  }
  return out;
}

describe('architecture: who may import whom (DESIGN.md §1)', () => {
  const files = ['shared', 'renderer', 'electron'].flatMap((d) => sourceFiles(d));

  it('finds the source files it checks', () => {
    expect(files.some((f) => f.startsWith('shared/contract/'))).toBe(true);
    expect(files.some((f) => f.startsWith('renderer/src/'))).toBe(true);
    expect(files.some((f) => f.startsWith('electron/engine/db/'))).toBe(true);
  });

  it('has no forbidden import anywhere in the tree', () => {
    const found = files.flatMap((f) => violations(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';", 'shared/ imports only shared/ and zod'],
    ['shared/domain/x.ts', "import { openLedger } from '../../electron/engine/db/connection';", 'shared/ imports only shared/'],
    ['renderer/src/x.tsx', "import Database from 'better-sqlite3';", 'renderer/ never imports node:*, electron or better-sqlite3'],
    ['renderer/src/x.tsx', "import { handlers } from '../../electron/engine/service/handlers';", 'renderer/ never imports electron/'],
    ['electron/engine/service/x.ts', "import { app } from 'electron';", "electron/engine/ never imports 'electron'"],
    ['electron/cli/x.ts', "const D = require('better-sqlite3');", 'only electron/engine/db/ imports better-sqlite3'],
  ])('catches a forbidden import in %s', (file, line, rule) => {
    expect(violations(file, line)).toEqual(expect.arrayContaining([expect.objectContaining({ rule, spec: expect.any(String) })]));
  });

  it('lets allowed imports through', () => {
    expect(violations('shared/domain/x.ts', "import { z } from 'zod';\nimport { Money } from './money';")).toEqual([]);
    expect(violations('electron/engine/db/x.ts', "import Database from 'better-sqlite3';")).toEqual([]);
    expect(violations('renderer/src/x.tsx', "import { api } from '../../shared/contract/methods';")).toEqual([]);
  });
});

describe('ESLint enforces the same layering', () => {
  const eslint = new ESLint({ cwd: ROOT });
  async function lint(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it('fails on node:* in shared/', async () => {
    expect(await lint('shared/domain/lint-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual(expect.arrayContaining([
      expect.stringContaining('Node built-ins are not available here'),
    ]));
  });

  it('fails on better-sqlite3 in the renderer and in the service layer', async () => {
    expect(await lint('renderer/src/lint-probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([
      expect.stringContaining('Only electron/engine/db/ may import better-sqlite3'),
    ]);
    expect(await lint('electron/engine/service/lint-probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([
      expect.stringContaining('Only electron/engine/db/ may import better-sqlite3'),
    ]);
  });

  it("fails on 'electron' in the engine", async () => {
    expect(await lint('electron/engine/lint-probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([
      expect.stringContaining("never import 'electron'"),
    ]);
  });

  it('accepts the database driver inside electron/engine/db/', async () => {
    expect(await lint('electron/engine/db/lint-probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([]);
  });
});
