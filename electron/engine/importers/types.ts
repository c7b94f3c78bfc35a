/**
 * One small interface every export format implements (one file per format, listed in registry.ts).
 *
 * The pipeline (../imports/) owns everything around it: reading and decoding the file,
 * choosing the importer by CONTENT (`identify` over every importer; two claimants is an error),
 * resolving models through the catalog, pricing, classifying against the ledger, committing.
 */
import type { FactDraft } from '../../../shared/domain/fact';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** What identification sees of a file: its name (for messages only, never for the decision) and its first bytes. */
export interface FileHead {
  fileName: string;
  /** Decoded text of the first bytes (up to HEAD_BYTES), BOM removed, CRLF kept as found. */
  text: string;
  encoding: TextEncodingName;
  /** Delimited text: the first record's fields, trimmed of quotes and spaces; null when not delimited text. */
  csvHeader: string[] | null;
  /** ',' ';' or '\t' when csvHeader is set. */
  delimiter: string | null;
}

export const HEAD_BYTES = 64 * 1024;

export type Identification =
  | { match: true }
  /** `score` in [0, 1]: how close the file is to this format (share of signature found); `missing`: what it lacks. */
  | { match: false; score: number; missing: string[] };

export interface ParseContext {
  fileName: string;
  /**
   * Where the file is on disk, when it is one (not an upload held in memory): formats whose records
   * live in a database file (opencode) or whose model names sit in a sibling file (Roo Code) read it.
   */
  path?: string;
  encoding: TextEncodingName;
  delimiter: string | null;
  /** Cancel a long import: parsers check it between rows (the helpers in csv.ts/json.ts do). */
  signal?: AbortSignal;
  /** Decimal commas ("1,5") are used in this file (detected by the pipeline, or set by the user). */
  decimalComma?: boolean;
}

/** 1-based physical line of the file where the row starts (JSON documents: the line of the object). */
export type LineNumber = number;

/**
 * What a row error says, as data: an id of the engine catalog (`engine.row.*` in
 * shared/i18n/<locale>/engine.json) and its values (the field, the value found, counts), never prose. The
 * pipeline renders the English text of the contract's `message`; the window and the CLI say it in the
 * user's language. test/i18n/engine-errors.test.ts checks every id an importer uses is in the catalogs.
 */
export interface RowSaid {
  id: `engine.row.${string}`;
  values?: Record<string, string | number | RowSaid>;
}

export type ParsedRow =
  | { kind: 'fact'; line: LineNumber; fact: FactDraft }
  /** A row that cannot be read: named field and why. The user chooses skip or abort. */
  | { kind: 'error'; line: LineNumber; field: string; said: RowSaid }
  /** A row that is not usage of an AI model (other cloud products, summaries...): counted, not an error. */
  | { kind: 'skip'; line: LineNumber; reason: string };

/**
 * Rows that can also be read a batch at a time (a log's lines of one read), sparing a promise per row:
 * either way once, never both.
 */
export interface BatchedRows extends AsyncIterable<ParsedRow> {
  batches: AsyncIterable<ParsedRow[]>;
}

/** Decoded text, in order, chunk by chunk: a file of several GB never sits whole in memory. */
export type TextSource = AsyncIterable<string>;

export interface Importer {
  /** Stable format id, e.g. 'openrouter-activity-csv'. Stored on each batch. */
  id: string;
  /** Shown to users: "OpenRouter activity CSV". */
  label: string;
  /** Provider that bills what this format describes. */
  provider: string;
  /** The columns / keys that make this format recognizable (shown when a file is "closest" to it). */
  signature: readonly string[];
  /**
   * How fine the token facts are; when two sources of the same provider cover the same day and model,
   * the finer one wins for tokens. Cost-only formats say 'cost'.
   */
  grain: 'request' | 'hour' | 'day' | 'month' | 'cost';
  /**
   * A user's column mapping profile (imports/mappings/profile-importer.ts): it claims a file only when no built-in format
   * does, so a built-in format always wins for its own files.
   */
  fallback?: boolean;
  /**
   * A log a tool keeps appending to (coding agents' session files). Such a file is remembered after an
   * import: unchanged, it is not read again; grown, 'lines' formats (each line stands alone) are read
   * from where the last import stopped, 'whole' formats (a line depends on earlier ones: running totals,
   * a session header) from the start, the ledger's identities keeping what was read before out.
   * Provider exports leave it unset: they are remembered too, and read again (whole) only once changed.
   */
  log?: 'lines' | 'whole';
  /**
   * A file whose content can change while its size, modification time and head stay the same (a SQLite
   * database in WAL mode: new rows sit in its -wal file until a checkpoint): never remembered, always read.
   */
  alwaysRead?: true;
  identify(head: FileHead): Identification;
  /** The rows; they may also come a batch at a time (BatchedRows: the pipeline then reads the batches). */
  parse(source: TextSource, ctx: ParseContext): AsyncIterable<ParsedRow> | BatchedRows;
  /**
   * Two drafts of one batch share an identity (a message logged several times): which one stands.
   * Default: the later one.
   */
  mergeDuplicate?(earlier: FactDraft, later: FactDraft): FactDraft;
}
