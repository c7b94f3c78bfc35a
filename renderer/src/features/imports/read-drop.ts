/** What a drop carries: the desktop's paths, or a browser's files with its folders read (webkitGetAsEntry). */
import { fromFiles, type DroppedImport } from './import-inbox';

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
