/** The file the wizard maps: a path (desktop) or an upload (browser), found from the name a refusal gives. */
import { fileToBase64 } from '../../../ui/files';
import type { DroppedImport } from '../import-inbox';

export type MappingSource = { path: string } | { file: { name: string; contentBase64: string } };

export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export /** The dropped file a refusal names: a path as the engine reported it, or the upload of the same name. */
function fileOf(dropped: DroppedImport, refusedName: string): (() => Promise<MappingSource>) | null {
  if ('paths' in dropped) return async () => ({ path: refusedName });
  const f = dropped.files.find((x) => baseName(x.webkitRelativePath || x.name) === baseName(refusedName));
  if (!f) return null;
  return async () => ({ file: { name: f.name, contentBase64: await fileToBase64(f) } });
}
