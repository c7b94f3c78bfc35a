/** Files in and out of the window: save text as a file, CSV cells, file contents as base64. */
import { translate } from './i18n';

/** Save data as a file from the window (a Blob link; the browser or Electron asks where). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download holds its own reference to the data once it has started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Save text as a file from the window. */
export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/**
 * One CSV cell (RFC 4180 quoting). A text that a spreadsheet would run as a formula (leading = + - @,
 * tab or CR: a project or key name comes from an imported file) is prefixed with ' so it stays text;
 * plain numbers, negative ones included, stay numbers.
 */
export function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Base64 of a file's bytes, for uploads to the engine (a browser cannot send paths). */
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
    r.onerror = () => fail(r.error ?? new Error(translate('app.error.cannotReadFile')));
    r.readAsArrayBuffer(blob);
  });
}
