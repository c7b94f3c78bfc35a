/**
 * Child process for the kill test: imports a large file into the ledger named on the command line and
 * prints "progress <rows>" on each progress event (rows already inserted in the open transaction). The parent kills it with SIGKILL mid-import.
 * A third argument `exclusive`: the engine opened as the CLI's import opens it (the ledger may be taken for the import).
 */
import { createEngine } from '../../electron/engine';
import { importPaths } from '../../electron/engine/imports/service';

const [dbPath, file, mode] = process.argv.slice(2) as [string, string, string | undefined];
const engine = createEngine({
  dbPath,
  exclusive: mode === 'exclusive',
  onEvent: (event, payload) => {
    // Progress is emitted after a chunk's rows were inserted, inside the import's write transaction.
    if (event === 'import.progress') process.stdout.write(`progress ${(payload as { rows: number }).rows}\n`);
  },
});
await importPaths(engine.ctx, [file], { onError: 'abort' });
process.stdout.write('done\n');
engine.close();
