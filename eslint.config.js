// Lint, including the layering rules of DESIGN.md §1. Do not relax these rules: they keep the
// engine a library (no Electron, no React), the renderer a web page (no Node, no database) and
// shared/ pure (usable everywhere). test/architecture.test.ts checks the same rules independently.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not available here (DESIGN.md §1).' };
const noDb = { group: ['better-sqlite3'], message: 'Only electron/engine/db/ may import better-sqlite3 (DESIGN.md §1).' };
const noElectron = { group: ['electron'], message: "The engine, the renderer and shared/ never import 'electron' (DESIGN.md §1)." };
const noRenderer = { group: ['**/renderer/**'], message: 'Only the renderer imports renderer code (DESIGN.md §1).' };
const noElectronDir = { group: ['**/electron/**'], message: 'The renderer and shared/ never import electron/ code (DESIGN.md §1).' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': ['error', { patterns: [noDb] }],
    },
  },
  {
    files: ['electron/engine/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDb, noElectron, noRenderer, { group: ['react', 'react-dom'], message: 'The engine never imports React.' }] }] },
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDb, noElectron, noRenderer] }] },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            noElectronDir,
            noRenderer,
            { regex: '^(?!zod($|/)|\\.)', message: 'shared/ imports only shared/ and zod (DESIGN.md §1).' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, noDb, noElectron, noElectronDir] }],
    },
  },
  {
    // Tests beside the code may read fixtures from disk; they never ship.
    files: ['**/*.test.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.*', 'bin/**/*.mjs'],
    rules: { 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
);
