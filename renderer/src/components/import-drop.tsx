/**
 * Files and folders the user hands to the Imports screen: dropped anywhere on the window, chosen with
 * a file input, or picked with File > Import... (store.pendingImport). The desktop sends paths (a
 * folder's path is read recursively by the engine); a browser cannot, so it sends the files' contents.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { navigate } from '../store';

/** What a drop or a file input produced: paths (desktop) or File objects (browser). */
export type DroppedImport = { paths: string[] } | { files: File[] };

interface ImportInbox {
  /** Bumped on each hand-over, so the same files dropped twice start two previews. */
  seq: number;
  pending: DroppedImport | null;
  hand(d: DroppedImport): void;
  take(): DroppedImport | null;
}

/** Drops wait here until the Imports screen takes them. */
export const useImportInbox = create<ImportInbox>((set, get) => ({
  seq: 0,
  pending: null,
  hand: (pending) => set((s) => ({ pending, seq: s.seq + 1 })),
  take: () => {
    const p = get().pending;
    if (p) set({ pending: null });
    return p;
  },
}));

function pathOf(file: File): string {
  try {
    return window.tokenLedger?.pathForFile?.(file) ?? '';
  } catch {
    return '';
  }
}

/** In the desktop app every File has a path; then send paths, else the File objects themselves. */
export function fromFiles(files: readonly File[]): DroppedImport {
  const paths = files.map(pathOf);
  if (files.length > 0 && paths.every((p) => p !== '')) return { paths };
  return { files: [...files] };
}

// ---- browser folders (webkitGetAsEntry) ---------------------------------------------------------

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  return new Promise((ok, fail) => {
    // readEntries answers in pages (100 at a time in Chromium) until an empty page.
    const next = () =>
      reader.readEntries((page) => {
        if (page.length === 0) return ok(out);
        out.push(...page);
        next();
      }, fail);
    next();
  });
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((ok, fail) => entry.file(ok, fail));
}

async function filesOfEntry(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.name.startsWith('.')) return; // hidden files and folders, as the engine skips them
  if (entry.isFile) out.push(await entryFile(entry as FileSystemFileEntry));
  else if (entry.isDirectory) {
    const children = await readAllEntries(entry as FileSystemDirectoryEntry);
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of children) await filesOfEntry(c, out);
  }
}

/**
 * What a drop carries. Must be called during the drop event (the DataTransfer empties afterwards);
 * the folder reading it starts goes on after.
 */
export function readDrop(dt: DataTransfer): Promise<DroppedImport> {
  const files = Array.from(dt.files);
  const desktop = fromFiles(files);
  if ('paths' in desktop) return Promise.resolve(desktop);
  const entries = Array.from(dt.items ?? [])
    .filter((i) => i.kind === 'file')
    .map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((e) => e === null) || entries.every((e) => e!.isFile)) return Promise.resolve({ files });
  return (async () => {
    const out: File[] = [];
    for (const e of entries) await filesOfEntry(e!, out);
    return { files: out };
  })();
}

/** Base64 of a file's bytes, for the browser host (which cannot be given paths). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await blobBytes(file));
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function blobBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(r.result as ArrayBuffer);
    r.onerror = () => fail(r.error ?? new Error('cannot read the file'));
    r.readAsArrayBuffer(blob);
  });
}

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
      <p>Drop export files or a folder to preview the import</p>
    </div>
  );
}
