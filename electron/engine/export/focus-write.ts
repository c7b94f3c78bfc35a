/**
 * Writing the FOCUS rows: CSV through papaparse (cells a spreadsheet would run as a formula are
 * neutralised with a leading quote; a negative number stays a number), Parquet through DuckDB, which
 * reads a plain CSV of the rows with each column's type and writes the typed file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { FocusFormat } from '../../../shared/contract/api/export';
import { DATETIME_COLUMNS, DECIMAL_COLUMNS, FOCUS_COLUMNS, INTEGER_COLUMNS, type FocusColumn, type FocusRow } from './focus-rows';

/** A cell starting like a formula (=, +, @, tab, CR, or a minus that does not start a number). */
export const FORMULA_LEAD = /^(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?$))/;

function csvText(rows: readonly FocusRow[], escapeFormulae: boolean): string {
  const data = rows.map((r) => FOCUS_COLUMNS.map((c) => r[c]));
  return Papa.unparse({ fields: [...FOCUS_COLUMNS], data }, { escapeFormulae: escapeFormulae ? FORMULA_LEAD : false, newline: '\n' }) + '\n';
}

function duckType(c: FocusColumn): string {
  if (DECIMAL_COLUMNS.includes(c)) return 'DECIMAL(38,9)';
  if (INTEGER_COLUMNS.includes(c)) return 'BIGINT';
  if (DATETIME_COLUMNS.includes(c)) return 'TIMESTAMPTZ';
  return 'VARCHAR';
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

async function writeParquet(rows: readonly FocusRow[], path: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenledger-focus-'));
  try {
    const csv = join(dir, 'rows.csv');
    writeFileSync(csv, csvText(rows, false));
    const columns = `{${FOCUS_COLUMNS.map((c) => `${quote(c)}: ${quote(duckType(c))}`).join(', ')}}`;
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      await conn.run("SET TimeZone = 'UTC'");
      await conn.run(
        `COPY (SELECT * FROM read_csv(${quote(csv)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', columns = ${columns}))
         TO ${quote(path)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function writeFocus(rows: readonly FocusRow[], format: FocusFormat, path: string): Promise<void> {
  if (format === 'csv') writeFileSync(path, csvText(rows, true));
  else await writeParquet(rows, path);
}
