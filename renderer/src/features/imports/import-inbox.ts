/**
 * Files and folders the user hands to the Imports screen: dropped anywhere on the window, chosen with
 * a file input, or picked with File > Import... (the store's pendingImport). The desktop sends paths (a
 * folder's path is read recursively by the engine); a browser cannot, so it sends the files' contents.
 */
import { create } from 'zustand';

/** What a drop or a file input produced: paths (desktop) or File objects (browser). */
export type DroppedImport = { paths: string[] } | { files: File[] };

interface ImportInbox {
  pending: DroppedImport | null;
  hand(d: DroppedImport): void;
  take(): DroppedImport | null;
}

/** Drops wait here until the Imports screen takes them. */
export const useImportInbox = create<ImportInbox>((set, get) => ({
  pending: null,
  // Every hand-over notifies the subscribers, so the same files dropped twice start two previews.
  hand: (pending) => set({ pending }),
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
