// Excel workbooks, for reviewers and co-authors who work in Excel. The
// renderer is a pure function to a workbook model (JSON text, which the
// pseudonym check can read, as it cannot read a zip); `xlsxBytes` turns the
// model into the file with exceljs. exceljs stamps the zip entries with the
// current time, so the archive is packed again with a fixed date: the same
// inputs give the same bytes, and `build --check` can compare them.
import { unzipSync, zipSync, type Zippable } from 'fflate';

export interface SheetModel {
  name: string;
  rows: (string | number)[][];
  /** Column widths in characters. */
  widths?: number[];
}

interface WorkbookModel {
  fieldcodeWorkbook: 1;
  sheets: SheetModel[];
}

/** A fixed date for the workbook's properties (written in UTC). */
const FIXED = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
/** The zip entries' date: zip stores local time fields, so a local date gives the same bytes in every time zone (and 1980, the format's first year, everywhere). */
const ZIP_DATE = (): Date => new Date(1980, 0, 2, 0, 0, 0);

/** Excel's rules for a sheet name: at most 31 characters, none of `[]:*?/\`, unique ignoring case. */
function sheetNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = (name.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, 31);
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

export function workbookModel(sheets: SheetModel[]): string {
  const model: WorkbookModel = { fieldcodeWorkbook: 1, sheets };
  return `${JSON.stringify(model, null, 1)}\n`;
}

/** A text cell that starts like a formula is stored as text anyway: exceljs writes strings as strings, never formulas. */
export async function xlsxBytes(model: string): Promise<Uint8Array> {
  const { sheets } = JSON.parse(model) as WorkbookModel;
  // exceljs is large (about a third of a second to load): only a command that writes a workbook loads it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'fieldcode';
  workbook.lastModifiedBy = 'fieldcode';
  workbook.created = FIXED;
  workbook.modified = FIXED;
  const names = sheetNames(sheets.map((s) => s.name));
  sheets.forEach((sheet, i) => {
    const worksheet = workbook.addWorksheet(names[i], { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.getRow(1).font = { bold: true };
    sheet.widths?.forEach((width, column) => {
      worksheet.getColumn(column + 1).width = width;
    });
    worksheet.eachRow((row) => {
      row.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  const entries = unzipSync(written);
  const repacked: Zippable = {};
  for (const name of Object.keys(entries)) repacked[name] = [entries[name], { mtime: ZIP_DATE(), level: 6 }];
  return zipSync(repacked);
}

/** Formats whose text is a model for a binary file, and how to make the file. */
export const BINARY_FORMATS: Record<string, (content: string) => Promise<Uint8Array>> = { xlsx: xlsxBytes };
