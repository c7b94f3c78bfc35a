/**
 * A pack table as CSV through papaparse, the exact values (decimal strings as the API states them).
 * With a UTF-8 byte order mark: the pack is read in spreadsheets, and Excel opens a CSV without one in
 * the system's legacy code page, which garbles Chinese names and the ¥ sign; the ledger's own
 * importers, DuckDB and pandas read the mark as the encoding it is. Cells that a spreadsheet would run
 * as a formula are neutralised as in the FOCUS export.
 */
import Papa from 'papaparse';
import { FORMULA_LEAD } from '../export/focus-write';
import { csvColumns, type PackTable } from './tables';

export const BOM = '\uFEFF';

export function tableCsv(t: PackTable): string {
  const fields = csvColumns(t).map((c) => c.csv);
  return BOM + Papa.unparse({ fields, data: t.rows.map((r) => r.csv) }, { escapeFormulae: FORMULA_LEAD, newline: '\r\n' }) + '\r\n';
}
