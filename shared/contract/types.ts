/** Output shapes of the contract's methods. Money crosses the boundary as exact decimal strings. */
import type { TokenCounts } from '../domain/fact';
import type { Said } from '../i18n/said';

/** Decimal amounts per currency code: { "USD": "12.345678", "CNY": "3.5" }. */
export type AmountsByCurrency = Record<string, string>;

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dbPath: string;
  factCount: number;
  batchCount: number;
  /**
   * The engine's instant (ISO 8601, its clock: TOKENLEDGER_NOW when set). The window takes "now" from
   * here, never from its own clock: date presets, default dates, the backup file's name.
   */
  now: string;
  /** The engine's day (YYYY-MM-DD) in the time zone of the settings: the default backup file's name. */
  today: string;
}

export interface LedgerTotals {
  tokens: TokenCounts;
  requests: number;
  /** Money the exports state (bills), per currency. */
  billed: AmountsByCurrency;
  /** Money the price book estimates for usage, per currency. */
  estimated: AmountsByCurrency;
  /** Cost a gateway or an agent computed itself (LiteLLM, opencode, Cursor...): recorded by the tool, never billed. */
  recorded: AmountsByCurrency;
  /** Billed where a bill covers it, else recorded or estimated (never two of them): what the app calls spend. */
  spend: AmountsByCurrency;
  /** Usage a subscription pays for (a tool set "included in my plan", Cursor's Included rows): its value at list price, never spend. */
  notional: AmountsByCurrency;
  /** Usage with no price: counted here, never as $0. */
  unpriced: { tokens: number; facts: number; models: string[] };
}

export interface ReportTotals {
  from: string | null;
  to: string | null;
  totals: LedgerTotals;
  factCount: number;
}

export interface Settings {
  displayCurrency: string;
  timeZone: string;
  weekStart: 'monday' | 'sunday';
  theme: 'system' | 'light' | 'dark';
  /** The window's language: the system's, or a supported locale (shared/i18n). */
  locale: 'system' | 'en' | 'zh-CN';
  /** Budget webhooks may target loopback, link-local and private addresses (refused by default). */
  allowPrivateWebhooks: boolean;
}

export interface DemoResult {
  /** The demo batches were already in the ledger: nothing was imported again (their files are listed). */
  alreadyLoaded: boolean;
  files: { file: string; format: string; batchId: number; rowsNew: number }[];
  totals: LedgerTotals;
}

/** Whether the ledger holds the bundled demo data (batches marked demo, not undone). */
export interface DemoStatus {
  loaded: boolean;
  batches: number;
}

export interface DemoRemoveResult {
  /** Demo batches undone. */
  batches: number;
  /** Facts removed, and facts of earlier batches put back. */
  removed: number;
  restored: number;
  totals: LedgerTotals;
}

// ---- imports ------------------------------------------------------------------------------

/** How a row of an import relates to the ledger. */
export type ImportRowClass = 'new' | 'duplicate' | 'revised';

/** Rows of one file (or one import) by class. `duplicate` includes rows the file itself repeats. */
export interface ImportCounts {
  new: number;
  duplicate: number;
  revised: number;
  /** Rows that are not AI usage (other cloud products, summaries): counted, not imported. */
  skipped: number;
  /** Rows that cannot be read (see issues). */
  error: number;
}

/** A row that cannot be read: where and why. */
export interface ImportRowIssue {
  file: string;
  /** 1-based line of the file where the row starts. */
  line: number;
  field: string;
  /** Why, in English (scripts read it); `said` is the same as a message id and values, for the user's language. */
  message: string;
  said: Said;
}

/** One file's facts summed per model and billed currency. */
export interface ImportModelTotal {
  provider: string;
  model: string;
  /** Currency of `billed`; null when the rows state no money. */
  currency: string | null;
  tokens: TokenCounts;
  requests: number;
  billed: string | null;
  facts: number;
}

/** This file and an earlier batch describe the same usage (same provider, day, model) at different grain. */
export interface ImportOverlap {
  batchId: number;
  file: string;
  format: string;
  /**
   * What the two files both state: 'tokens' (two usage exports of the same usage) or 'bill' (the same
   * money: two cost exports, or a usage export with its own amounts and a cost export of that bill).
   */
  kind: 'tokens' | 'bill';
  /** 'this': this file's rows stand and the earlier batch's matching rows stop counting; 'earlier': the other way round. */
  winner: 'this' | 'earlier';
  days: string[];
  models: string[];
  /** Rows (of the file that does not win) that stop counting: their tokens and money are counted once, from the winner. */
  facts: number;
}

export interface ImportSampleRow {
  line: number;
  class: ImportRowClass;
  /** ISO instant. */
  start: string;
  provider: string;
  model: string | null;
  modelRaw: string | null;
  lineType: string;
  tokens: TokenCounts;
  requests: number;
  billed: string | null;
  currency: string | null;
}

export interface ImportFileResult {
  /** Name as given (path or upload name). */
  file: string;
  format: string;
  formatLabel: string;
  /** The label as a message of the engine catalog, where it is made of words (a column mapping, an empty file). */
  formatSaid?: Said;
  provider: string | null;
  sha256: string;
  bytes: number;
  /** Set once committed. */
  batchId: number | null;
  /** An agent's log already imported and unchanged since (same size, time and head): not read again. */
  unchanged?: boolean;
  counts: ImportCounts;
  totals: ImportModelTotal[];
  /** First 200 row issues, with line numbers. */
  issues: ImportRowIssue[];
  issueCount: number;
  sample: ImportSampleRow[];
  overlaps: ImportOverlap[];
}

export interface ImportPreview {
  previewId: string;
  importId: string;
  onError: 'skip' | 'abort';
  files: ImportFileResult[];
  counts: ImportCounts;
  /** False when onError is 'abort' and some rows cannot be read. */
  canCommit: boolean;
  /** The preview is kept server-side until then (ISO instant). */
  expiresAt: string;
}

export interface ImportResult {
  importId: string;
  files: ImportFileResult[];
  counts: ImportCounts;
}

export interface ImportBatchInfo {
  id: number;
  createdAt: string;
  file: string;
  path: string | null;
  format: string;
  provider: string | null;
  sha256: string;
  bytes: number;
  status: 'committed' | 'undone';
  undoneAt: string | null;
  counts: ImportCounts;
  label: string | null;
  /** One of the bundled sample exports ("Remove demo data" takes these out together). */
  demo: boolean;
}

/** An export format the engine recognizes. */
export interface ImportFormatInfo {
  /** Stored on each batch as `format`. */
  id: string;
  label: string;
  /** The label as a message of the engine catalog, where it is made of words (a saved column mapping). */
  labelSaid?: Said;
  provider: string;
}

export interface ImportUndoResult {
  batchId: number;
  /** Facts the batch had added, now removed. */
  removed: number;
  /** Facts it had revised, back to their earlier values. */
  restored: number;
  /** Closed months the undo would change: then nothing was undone, the undo waits in Month close for a decision. */
  heldMonths: string[];
  totals: LedgerTotals;
}
