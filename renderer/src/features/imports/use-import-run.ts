/**
 * The Imports screen's run: read what was handed over, preview it (nothing written), then commit or
 * cancel. A newer run supersedes an older one: only the latest sets the phase.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { ImportPreview } from '../../../../shared/contract/types';
import { useApp } from '../../client/store';
import { fileToBase64 } from '../../ui/files';
import { useImportInbox, type DroppedImport } from './import-inbox';
import { newImportId, phaseOfError, type Phase, type Source } from './import-phase';
import { translate } from '../../ui/i18n';

export interface Notice {
  text: string;
  error: boolean;
}

function namesOf(d: DroppedImport): string[] {
  return 'paths' in d ? d.paths : d.files.map((f) => f.webkitRelativePath || f.name);
}

/** `setNotice` is cleared when a run starts; `setHistoryTick` is bumped when a commit settles. */
export function useImportRun(setNotice: Dispatch<SetStateAction<Notice | null>>, setHistoryTick: Dispatch<SetStateAction<number>>) {
  const client = useApp((s) => s.client);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const run = useRef(0);
  const running = useRef<string | null>(null);

  const start = useCallback(
    async (d: DroppedImport) => {
      if (!client) return;
      const mine = ++run.current;
      if (running.current) void client.call('imports.cancel', { importId: running.current }).catch(() => undefined);
      setNotice(null);
      const names = namesOf(d);
      let source: Source;
      if ('paths' in d) source = { paths: d.paths };
      else {
        setPhase({ kind: 'reading', names });
        try {
          const files = await Promise.all(d.files.map(async (f) => ({ name: f.webkitRelativePath || f.name, contentBase64: await fileToBase64(f) })));
          source = { files };
        } catch (e) {
          if (mine === run.current) setPhase({ kind: 'failed', message: translate('imports.cannotReadFiles', { message: (e as Error).message }) });
          return;
        }
        if (mine !== run.current) return;
      }
      const importId = newImportId();
      running.current = importId;
      setPhase({ kind: 'running', importId, names, cancelling: false });
      try {
        const preview = await client.call('imports.preview', { ...source, importId });
        if (mine === run.current) setPhase({ kind: 'preview', preview });
      } catch (e) {
        if (mine === run.current) setPhase(phaseOfError(e, d));
      } finally {
        if (running.current === importId) running.current = null;
      }
    },
    [client, setNotice],
  );

  async function cancelRunning() {
    if (!client || phase.kind !== 'running') return;
    setPhase({ ...phase, cancelling: true });
    await client.call('imports.cancel', { importId: phase.importId }).catch(() => undefined);
  }

  async function commit(preview: ImportPreview, onError: 'skip' | 'abort') {
    if (!client) return;
    const mine = ++run.current;
    setPhase({ kind: 'committing', preview });
    try {
      const result = await client.call('imports.commit', { previewId: preview.previewId, onError });
      if (mine === run.current) setPhase({ kind: 'committed', result });
    } catch (e) {
      if (mine === run.current) setPhase(phaseOfError(e));
    } finally {
      setHistoryTick((t) => t + 1);
    }
  }

  function cancelPreview() {
    run.current++;
    setPhase({ kind: 'cancelled' });
  }

  return { phase, start, commit, cancelRunning, cancelPreview };
}

/**
 * Files waiting for the Imports screen: File > Import... (desktop menu) leaves paths in the app store;
 * drops on the window wait in the inbox. Both are external stores: take what waits now, and what arrives later.
 */
export function useWaitingImports(start: (d: DroppedImport) => Promise<void>): void {
  const client = useApp((s) => s.client);
  useEffect(() => {
    if (!client) return;
    const takeWaiting = () => {
      const paths = useApp.getState().pendingImport;
      if (paths) {
        useApp.getState().setPendingImport(null);
        void start({ paths });
      }
      const dropped = useImportInbox.getState().take();
      if (dropped) void start(dropped);
    };
    const offApp = useApp.subscribe((s, prev) => {
      if (s.pendingImport && s.pendingImport !== prev.pendingImport) takeWaiting();
    });
    const offInbox = useImportInbox.subscribe((s) => {
      if (s.pending) takeWaiting();
    });
    const timer = setTimeout(takeWaiting, 0);
    return () => {
      offApp();
      offInbox();
      clearTimeout(timer);
    };
  }, [client, start]);
}
