/**
 * Child process for the kill test: imports a large file into the ledger named on the command line and
 * prints "progress" on each progress event. The parent kills it with SIGKILL mid-import.
 */
import { createEngine } from '../../electron/engine';
import { importPaths } from '../../electron/engine/service/import-service';

const [dbPath, file] = process.argv.slice(2) as [string, string];
const engine = createEngine({
  dbPath,
  onEvent: (event) => {
    if (event === 'import.progress') process.stdout.write('progress\n');
  },
});
await importPaths(engine.ctx, [file], { onError: 'abort' });
process.stdout.write('done\n');
engine.close();
