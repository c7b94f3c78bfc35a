/** 'import.progress' events of a running import: rows, bytes and speed, at most every PROGRESS_INTERVAL_MS. */
import type { EngineContext } from '../context';
import type { ImportFile } from './files';

const PROGRESS_INTERVAL_MS = 100;

export function progressReporter(ctx: EngineContext, importId: string, file: ImportFile) {
  // Speed is measured on the wall clock: it is about this process, not about the ledger's time.
  const started = Date.now();
  let last = 0;
  let rows = 0;
  let bytes = 0;
  const emit = () => {
    const elapsed = (Date.now() - started) / 1000;
    ctx.emit('import.progress', {
      importId,
      file: file.name,
      rows,
      bytes,
      totalBytes: file.bytes,
      rowsPerSecond: elapsed > 0 ? Math.round(rows / elapsed) : 0,
    });
  };
  return {
    add(n: number, at: number) {
      rows += n;
      bytes = at;
      const now = Date.now();
      if (now - last >= PROGRESS_INTERVAL_MS) {
        last = now;
        emit();
      }
    },
    done: emit,
  };
}
