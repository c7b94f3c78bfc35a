// The `tokenledger` CLI (and the `serve` host it starts) as built JavaScript: esbuild bundles
// electron/cli/main.ts and the import parser's worker into out/cli/, so a command starts without
// transpiling TypeScript. Code a command does not need (the engine for `--help`, the web server for
// every command but `serve`) is split into chunks that load only when imported.
//
// `ensureCli()` is what bin/tokenledger.mjs calls: it returns the built entry, building it first when
// it is missing or older than any source it was built from (a clean clone, or sources edited since),
// so the README's commands stay true without a build step. `npm run build` builds it too.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_ENTRY, CLI_INPUTS, isFresh, OUT_DIR, ROOT, STATUSLINE_ENTRY, STATUSLINE_INPUTS } from './bundle-fresh.mjs';

export { OUT_DIR, ROOT };
export const ENTRY = CLI_ENTRY;
/** The sources the bundle was built from (repo-relative), to tell when it is stale. */
const INPUTS = CLI_INPUTS;
const ENTRY_FILES = [ENTRY, join(OUT_DIR, 'parse-worker.js')];

/**
 * JSON data (the built-in price book is about 1 MB) as `JSON.parse('...')`: V8 reads a JSON string
 * several times faster than the same data written as a JavaScript object literal.
 */
const jsonAsJsonParse = {
  name: 'json-as-json-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
  },
};

/**
 * zod's classic entry re-exports every language's error messages (`z.locales`, 400 KB of the bundle the CLI
 * parses at each start); the CLI uses none but English, which zod configures itself.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${sep}zod${sep}`) ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, loader: 'js', resolveDir: dirname(args.path) }));
  },
};

/**
 * Node's built-in modules as process.getBuiltinModule() returns them, not through `import`: an ES import of
 * a built-in builds its ES facade, which reads every export once, and for node:fs and node:util that loads
 * what their lazy exports hold (fs.promises, the streams, readline, net, worker_threads, util.diff): ~40
 * internal modules no command asked for. Each export is read where it is first used by the chunk that
 * imports it (esbuild drops the exports no chunk uses), so a lazy one loads only for the code that needs it.
 */
const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(b) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    // One module per importer (the importer's path after '#'): a built-in shared by several would be a chunk of its own.
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => (names.has(args.path) ? { path: `${args.path}#${args.importer}`, namespace: 'node-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => {
      const name = args.path.slice(0, args.path.indexOf('#'));
      const keys = Object.getOwnPropertyNames(process.getBuiltinModule(name)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
      const lines = [`const m = process.getBuiltinModule(${JSON.stringify(name)});`, 'export default m;'];
      keys.forEach((k, i) => lines.push(`const e${i} = /* @__PURE__ */ (() => m.${k})();`, `export { e${i} as ${k} };`));
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/** CommonJS dependencies (papaparse) call require() for Node built-ins: the ES bundle gets one. */
const BANNER = "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);";

/** Builds out/cli/. Files are written beside their final names and renamed in place, entries last, so
 * a CLI started during a rebuild loads either the old bundle or the new one, never half of each. */
export async function buildCli({ clean = false } = {}) {
  const result = await bundle({ tokenledger: 'electron/cli/main.ts' }, OUT_DIR);
  if (clean) rmSync(OUT_DIR, { recursive: true, force: true });
  const entries = [];
  for (const file of result.outputFiles) {
    if (ENTRY_FILES.includes(file.path)) {
      entries.push(file);
      continue;
    }
    writeAtomically(file.path, file.contents);
  }
  for (const file of entries) writeAtomically(file.path, file.contents);
  const inputs = sourcesOf(result);
  writeAtomically(INPUTS, JSON.stringify(inputs));
  return ENTRY;
}

/**
 * The benchmarks' import child (bench/import-child.ts) built as the CLI is, into out/bench/: the import
 * benchmarks measure the engine as the CLI and the app run it, not transpiled at run time (tsx also
 * transpiles the parser worker's sources as it starts, ~1-2 s of a 1M-row import's first seconds).
 */
export async function buildBenchChild() {
  const dir = join(ROOT, 'out', 'bench');
  rmSync(dir, { recursive: true, force: true });
  for (const file of (await bundle({ 'import-child': 'bench/import-child.ts' }, dir)).outputFiles) writeAtomically(file.path, file.contents);
  return join(dir, 'import-child.js');
}

/** esbuild's bundle of `entries` and the parser worker into `outdir`, not written. */
async function bundle(entries, outdir) {
  const { build } = await import('esbuild');
  return build({
    absWorkingDir: ROOT,
    entryPoints: {
      ...entries,
      // chunk-source.ts starts the parser worker from parse-worker.js beside the bundle.
      'parse-worker': 'electron/engine/imports/parse-worker.ts',
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // better-sqlite3 and DuckDB (the FOCUS export's Parquet writer) load their Node-API binaries from
    // their own package folders at run time; pdfkit (the review pack) reads its font metrics from its own.
    external: ['better-sqlite3', '@duckdb/node-api', 'pdfkit'],
    banner: { js: BANNER },
    // Chunks sit beside the entries: electron/cli/paths.ts finds the app two folders up from any of them.
    chunkNames: '[name]-[hash]',
    plugins: [jsonAsJsonParse, zodEnglishOnly, builtinsWithoutFacade],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
}

/** The bundle's own source files (not its dependencies, not the built-ins), and this script: a change to how it builds rebuilds it too. */
function sourcesOf(result) {
  const own = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules') && !p.startsWith('node-builtin:'));
  return [...own, relative(ROOT, fileURLToPath(import.meta.url))];
}

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** True when out/cli/ holds a bundle no older than every source it was built from. */
export function cliIsFresh() {
  return isFresh(ENTRY, INPUTS);
}

/** The built CLI's entry as a URL to import, built first when missing or stale. */
export async function ensureCli() {
  if (!cliIsFresh()) await buildCli();
  return pathToFileURL(ENTRY).href;
}

/**
 * The status line's entry, out/cli/statusline.mjs: one file holding only what a kept line needs, so Claude
 * Code's status line starts in milliseconds (each further ES module costs its resolution, read and compile).
 * The ledger's code (SQLite, the reports), needed only when the kept figures cannot answer, is a second file
 * built on its own (statusline-compute-<hash>.mjs) that the entry imports then; the few small modules both
 * use (the clock, the days, the line's formatter: stateless) are in each. None is shared with the CLI's
 * bundle. bin/tokenledger.mjs runs it before the CLI's bundle for `tokenledger statusline`.
 */
export { STATUSLINE_ENTRY };

const STATUSLINE_OPTIONS = {
  absWorkingDir: ROOT,
  outdir: OUT_DIR,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external: ['better-sqlite3'],
  banner: { js: BANNER },
  metafile: true,
  write: false,
  logLevel: 'warning',
};

export async function buildStatusline() {
  const { build } = await import('esbuild');
  const compute = await build({
    ...STATUSLINE_OPTIONS,
    entryPoints: { 'statusline-compute': 'electron/engine/statusline-compute.ts' },
    entryNames: '[name]-[hash]',
    plugins: [jsonAsJsonParse, builtinsWithoutFacade],
  });
  const [computeFile] = compute.outputFiles;
  const computeImport = `./${relative(OUT_DIR, computeFile.path)}`;
  const result = await build({
    ...STATUSLINE_OPTIONS,
    entryPoints: { statusline: 'electron/cli/statusline.ts' },
    plugins: [
      builtinsWithoutFacade,
      {
        name: 'statusline-compute-apart',
        setup(b) {
          b.onResolve({ filter: /\/statusline-compute$/ }, () => ({ path: computeImport, external: true }));
        },
      },
      jsonAsJsonParse,
    ],
  });
  // The computing file first, the entry last: a status line started meanwhile loads the old entry and the old file.
  writeAtomically(computeFile.path, computeFile.contents);
  for (const f of result.outputFiles) writeAtomically(f.path, f.contents);
  const inputs = [...new Set([...sourcesOf(compute), ...sourcesOf(result)])];
  writeAtomically(STATUSLINE_INPUTS, JSON.stringify(inputs));
  return STATUSLINE_ENTRY;
}

/** The status line's entry as a URL to import, built first when missing or older than a source of it. */
export async function ensureStatusline() {
  if (!isFresh(STATUSLINE_ENTRY, STATUSLINE_INPUTS)) await buildStatusline();
  return pathToFileURL(STATUSLINE_ENTRY).href;
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  await buildCli({ clean: true });
  await buildStatusline();
  console.warn(`[token-ledger] built ${relative(ROOT, ENTRY)}`);
}
