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
import type { FileHead, Importer, TextEncodingName } from '../importers/types';
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

/** One file identified: chosen (with a format, or none to read), or refused. */
type Looked = { chosen: ChosenFile } | { refusal: Refusal };

const jobOf = (file: ImportFile, encoding: TextEncodingName, delimiter: string | null): ParseJob => ({ path: file.path, name: file.name, bytes: file.bytes, encoding, delimiter });

/** Identify one file in this thread: its head read (throws as the read does, but for a file this user may not read) and tested. */
function identifyHere(file: ImportFile, importers: readonly Importer[]): Looked {
  const head = file.unreadable ? null : readHead(file);
  if (!head) return { chosen: { file, importer: null, job: jobOf(file, 'utf-8', null) } };
  const job = jobOf(file, head.encoding, head.delimiter);
  if (head.text.trim() === '') return { chosen: { file, importer: null, job } };
  const outcome = identify(head, importers);
  if (outcome.kind === 'importer') return { chosen: { file, importer: outcome.importer, job } };
  return { refusal: refusalOf(file.name, outcome) };
}

function refusedError(refused: readonly Refusal[]): EngineError {
  const first = refused[0]!;
  const s = refused.length > 1 ? said('engine.error.andMoreRefused', { first: first.said, more: refused.length - 1 }) : first.said;
  return new EngineError(first.code, english(s), { refused }, s);
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
    const looked = identifyHere(file, importers);
    if ('refusal' in looked) {
      refused.push(looked.refusal);
      continue;
    }
    chosen.push(looked.chosen);
    if (looked.chosen.importer) onChosen?.(looked.chosen);
  }
  if (refused.length > 0) throw refusedError(refused);
  return chosen;
}

/**
 * What the parser worker found of a file's head among the built-in formats (headAnswer), for the
 * inserting thread to turn into the same outcome identifyHere gives. `here`: identify it in the inserting
 * thread (its head could not be read there, or no built-in format claims it: a saved mapping may).
 */
export type HeadAnswer =
  | { kind: 'here' }
  | { kind: 'empty'; encoding: TextEncodingName; delimiter: string | null }
  /** The built-in formats claiming the file, by id, in the registry's order (more than one: ambiguous). */
  | { kind: 'claimed'; ids: string[]; encoding: TextEncodingName; delimiter: string | null };

/** In the parser worker: a file's head read and tested against the built-in formats (`builtins`: the registry's). */
export function headAnswer(path: string, name: string, builtins: readonly Importer[]): HeadAnswer {
  let head: FileHead;
  try {
    head = readFileHeadSync(path, name);
  } catch {
    return { kind: 'here' }; // the inserting thread reads it again, and says what it says today
  }
  if (head.text.trim() === '') return { kind: 'empty', encoding: head.encoding, delimiter: head.delimiter };
  const outcome = identify(head, builtins);
  if (outcome.kind === 'unrecognized') return { kind: 'here' };
  const ids = outcome.kind === 'importer' ? [outcome.importer.id] : outcome.importers.map((i) => i.id);
  return { kind: 'claimed', ids, encoding: head.encoding, delimiter: head.delimiter };
}

/**
 * Whether the worker's answers (built-in formats only) give identify()'s outcome with these importers:
 * their built-in ones are exactly the registry's, in its order; the others are fallbacks (saved
 * mappings), which claim a file only when no built-in format does, so a file a built-in format claims
 * (alone or with others) has the same outcome with or without them, and any other is identified here.
 */
export function answersHold(importers: readonly Importer[], builtins: readonly Importer[]): boolean {
  const own = importers.filter((i) => !i.fallback);
  return own.length === builtins.length && own.every((i, k) => i === builtins[k]) && importers.every((i) => i.fallback || builtins.includes(i));
}

/** The worker's answer for file `i`; null: none (it stopped, or it is not waited for): identified here. */
export interface HeadFeed {
  answer(i: number, wait: boolean): Promise<HeadAnswer | null> | HeadAnswer | null;
}

/**
 * An import's files identified as the run goes (run.ts pipeline), from the parser worker's answers: the
 * file i is asked for when the run reaches it, and the files whose answers are in are known ahead. The
 * outcome is identifyFiles's: the first refused file stops the run (the import will be refused), every
 * file is still identified in order (settle) and the same error is thrown, naming every refused file; a
 * head that cannot be read throws as it does there, before any refusal.
 */
export class Identification {
  readonly chosen: ChosenFile[] = [];
  readonly byWorker = true;
  private readonly refused: Refusal[] = [];
  private next = 0;
  private here = 0;
  private error: { err: unknown } | null = null;
  private settled: Promise<ChosenFile[]> | null = null;

  constructor(
    private readonly files: readonly ImportFile[],
    private readonly importers: readonly Importer[],
    private readonly feed: HeadFeed,
    private readonly builtins: readonly Importer[],
    /** Each chosen file, as it is chosen (its plan is set there). */
    private readonly onChosen: (c: ChosenFile) => void = () => {},
  ) {}

  private get stopped(): boolean {
    return this.error !== null || this.refused.length > 0 || this.next >= this.files.length;
  }

  private take(looked: Looked): void {
    if ('refusal' in looked) this.refused.push(looked.refusal);
    else {
      this.onChosen(looked.chosen);
      this.chosen.push(looked.chosen);
    }
  }

  /** The worker's answer as identifyHere's outcome; the files it leaves to this thread are identified here. */
  private fromAnswer(file: ImportFile, a: HeadAnswer | null): Looked {
    if (!a || a.kind === 'here' || file.unreadable) return identifyHere(file, this.importers);
    const job = jobOf(file, a.encoding, a.delimiter);
    if (a.kind === 'empty') return { chosen: { file, importer: null, job } };
    const claimants = a.ids.map((id) => this.builtins.find((i) => i.id === id)!);
    if (claimants.length === 1) return { chosen: { file, importer: claimants[0]!, job } };
    return { refusal: refusalOf(file.name, { kind: 'ambiguous', importers: claimants }) };
  }

  /** Identify the next file: its answer waited for (`wait`), else taken if it is in, else identified here. */
  private async step(wait: boolean): Promise<void> {
    const i = this.next;
    let a = this.feed.answer(i, wait);
    if (a instanceof Promise) a = await a;
    // Identified here: the engine's other requests get a turn every YIELD_FILES files, as in identifyFiles.
    if ((!a || a.kind === 'here') && this.here++ % YIELD_FILES === YIELD_FILES - 1) await new Promise((r) => setImmediate(r));
    this.next = i + 1;
    this.look(this.files[i]!, a);
  }

  private look(file: ImportFile, a: HeadAnswer | null): void {
    try {
      this.take(this.fromAnswer(file, a));
    } catch (err) {
      this.error = { err };
    }
  }

  /** The i-th chosen file, identified; null when the run must stop here (every file was, or one is refused, or a head could not be read). */
  async at(i: number): Promise<ChosenFile | null> {
    while (this.chosen.length <= i && !this.stopped) await this.step(true);
    return this.error || this.refused.length > 0 ? null : (this.chosen[i] ?? null);
  }

  /** The chosen files after the i-th known now (the answers already in are taken, none waited for). */
  after(i: number, count: number): ChosenFile[] {
    while (this.chosen.length <= i + count && !this.stopped) {
      const a = this.feed.answer(this.next, false);
      // Only answers already in, taken at once (one to identify here waits for the run's next turn).
      if (!a || a instanceof Promise || a.kind === 'here') break;
      this.next++;
      this.look(this.files[this.next - 1]!, a);
    }
    return this.chosen.slice(i + 1, i + 1 + count);
  }

  /**
   * Every file identified (once): throws the first head's read error, or the refusal of every refused
   * file, as identifyFiles does. `failed`: the run stopped on an error: the files not answered yet are
   * identified here, the worker's answers not waited for.
   */
  settle(failed: boolean): Promise<ChosenFile[]> {
    this.settled ??= (async () => {
      while (this.error === null && this.next < this.files.length) await this.step(!failed);
      if (this.error) throw this.error.err;
      if (this.refused.length > 0) throw refusedError(this.refused);
      return this.chosen;
    })();
    return this.settled;
  }
}
