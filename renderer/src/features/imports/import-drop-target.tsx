/** Drop anywhere on the window: the hint while files are dragged over, and the hand-over to the Imports screen. */
import { useEffect, useState } from 'react';
import { navigate } from '../../client/route';
import { useImportInbox } from './import-inbox';
import { readDrop } from './read-drop';
import { useT } from '../../ui/i18n';

function carriesFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Drop anywhere on the window: the Imports screen opens with the preview. Shows a full-window hint
 * while files are dragged over. Without this, a browser (or Electron) would navigate to the file.
 */
export function ImportDropTarget() {
  const hand = useImportInbox((s) => s.hand);
  const [over, setOver] = useState(false);
  const t = useT();
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overHandler = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer || !carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const reading = readDrop(e.dataTransfer);
      navigate('imports');
      void reading.then((d) => {
        if (('paths' in d && d.paths.length > 0) || ('files' in d && d.files.length > 0)) hand(d);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [hand]);
  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>{t('imports.dropHint')}</p>
    </div>
  );
}
