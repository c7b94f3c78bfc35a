/**
 * Choosing a file's importer by CONTENT, the one way every caller does it (an import, the mapping
 * wizard, the tests): every importer looks at the file's head; exactly one may claim it. No claimant:
 * refused, naming the closest format and what it lacks. Two claimants: refused, never a guess. A saved
 * mapping profile (`fallback`) claims a file only when no built-in format does.
 */
import { english } from '../../../shared/i18n/english';
import { said, type Said } from '../../../shared/i18n/said';
import { EngineError } from '../errors';
import { readFileHeadSync } from '../importers/kit/decode';
import type { FileHead, Importer } from '../importers/types';
import type { ImportFile } from './files';
import type { Reading } from './file-state-store';
import type { ParseJob } from './parse';

export type Identified =
  | { kind: 'importer'; importer: Importer }
  | { kind: 'ambiguous'; importers: Importer[] }
  /** `closest`: the format sharing the most of its signature with the file; null when none shares anything. */
  | { kind: 'unrecognized'; closest: { importer: Importer; score: number; missing: string[] } | null };

export function identify(head: FileHead, importers: readonly Importer[]): Identified {
  let claimants: Importer[] = [];
  let closest: { importer: Importer; score: number; missing: string[] } | null = null;
  for (const importer of importers) {
    const r = importer.identify(head);
    if (r.match) claimants.push(importer);
    else if (r.score > 0 && (closest === null || r.score > closest.score)) closest = { importer, score: r.score, missing: r.missing };
  }
  if (claimants.some((i) => !i.fallback)) claimants = claimants.filter((i) => !i.fallback);
  if (claimants.length === 1) return { kind: 'importer', importer: claimants[0]! };
  if (claimants.length > 1) return { kind: 'ambiguous', importers: claimants };
  return { kind: 'unrecognized', closest };
}

/** The refusal: file, closest format, the columns or keys it lacks. */
export function refusalSaid(fileName: string, outcome: Exclude<Identified, { kind: 'importer' }>): Said {
  if (outcome.kind === 'ambiguous') {
    return said('engine.error.fileAmbiguous', { file: fileName, count: outcome.importers.length, formats: outcome.importers.map((i) => i.label).join(', ') });
  }
  const c = outcome.closest;
  if (!c) return said('engine.error.fileUnknown', { file: fileName });
  return said('engine.error.fileUnknownClosest', { file: fileName, label: c.importer.label, format: c.importer.id, missing: c.missing.join(', ') });
}

/** A file of an import with the importer that claimed it and what its parser needs. */
export interface ChosenFile {
  file: ImportFile;
  /** null: nothing to import (an empty file, or one `file.unreadable`). */
  importer: Importer | null;
  job: ParseJob;
  /** What the ledger remembers of the file (agent logs), and its modification time before the read. */
  plan?: { reading: Reading; mtimeMs: number } | undefined;
}

interface Refusal {
  file: string;
  code: 'UNRECOGNIZED_FILE' | 'AMBIGUOUS_FILE';
  message: string;
  said: Said;
  closest?: string;
  missing?: string[];
  claimants?: string[];
}

function refusalOf(fileName: string, outcome: Exclude<Identified, { kind: 'importer' }>): Refusal {
  const s = refusalSaid(fileName, outcome);
  const message = english(s);
  if (outcome.kind === 'ambiguous') return { file: fileName, code: 'AMBIGUOUS_FILE', message, said: s, claimants: outcome.importers.map((i) => i.id) };
  const r: Refusal = { file: fileName, code: 'UNRECOGNIZED_FILE', message, said: s };
  if (outcome.closest) {
    r.closest = outcome.closest.importer.id;
    r.missing = outcome.closest.missing;
  }
  return r;
}

/** Files identified between two turns of the event loop (at most about 30 ms of blocking reads and tests). */
const YIELD_FILES = 32;

/** The file's head, or null (and `file.unreadable` says why) when this user may not read it. */
function readHead(file: ImportFile): FileHead | null {
  try {
    return readFileHeadSync(file.path, file.name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw err;
    file.unreadable = said('engine.row.fileDenied');
    return null;
  }
}

/**
 * Identify every file of an import; any refused file refuses the whole import, naming each refused file.
 * `onChosen` sees each file with a format as soon as it is identified, in order (its parsing may begin).
 */
export async function identifyFiles(files: readonly ImportFile[], importers: readonly Importer[], onChosen?: (c: ChosenFile) => void): Promise<ChosenFile[]> {
  const chosen: ChosenFile[] = [];
  const refused: Refusal[] = [];
  for (const [i, file] of files.entries()) {
    // The heads are read with blocking calls (kit/decode.ts readFileHeadSync); the engine's other requests get a turn every YIELD_FILES files.
    if (i % YIELD_FILES === 0) await new Promise((r) => setImmediate(r));
    const head = file.unreadable ? null : readHead(file);
    if (!head) {
      chosen.push({ file, importer: null, job: { path: file.path, name: file.name, bytes: file.bytes, encoding: 'utf-8', delimiter: null } });
      continue;
    }
    const job: ParseJob = { path: file.path, name: file.name, bytes: file.bytes, encoding: head.encoding, delimiter: head.delimiter };
    if (head.text.trim() === '') {
      chosen.push({ file, importer: null, job });
      continue;
    }
    const outcome = identify(head, importers);
    if (outcome.kind === 'importer') {
      const c: ChosenFile = { file, importer: outcome.importer, job };
      chosen.push(c);
      onChosen?.(c);
    } else refused.push(refusalOf(file.name, outcome));
  }
  if (refused.length > 0) {
    const first = refused[0]!;
    const s = refused.length > 1 ? said('engine.error.andMoreRefused', { first: first.said, more: refused.length - 1 }) : first.said;
    throw new EngineError(first.code, english(s), { refused }, s);
  }
  return chosen;
}
