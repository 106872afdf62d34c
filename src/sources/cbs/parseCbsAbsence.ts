import { parse } from 'csv-parse/sync';
import { AppError, type InputIssue } from '../../core/errors.ts';
import { cbsColumns, cbsStatuses, type CbsColumn } from './cbsColumns.ts';

/** One quarterly row of CBS table 80072ned; yearly rows are checked, then left out. */
export interface CbsQuarterRow {
  readonly sectorKey: string;
  readonly sectorLabel: string;
  readonly sectorLevel: string;
  readonly year: number;
  readonly quarter: number;
  readonly isProvisional: boolean;
  /** Sickness absence as a percentage of available days; null where CBS publishes no figure. */
  readonly absencePct: number | null;
}

const maxIssues = 50;
const periodKeyPattern = /^(\d{4})(KW0([1-4])|JJ00)$/;
const hint = 'Use the file bundled in data/cbs-80072ned/ or an export with the same columns.';

/**
 * Parses the CSV text of the 80072ned extract and checks every cell: the columns, period codes
 * that agree with year and quarter, percentages from 0 to 100 or empty, and one row per sector
 * and period. Any problem refuses the file with every issue found (up to 50); rows are data rows
 * counted from 1 below the header, and cell values are not repeated in messages.
 */
export function parseCbsAbsence(text: string, file: string): CbsQuarterRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: ',',
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch {
    throw new AppError('INVALID_INPUT', `The data file ${file} is not readable as CSV.`, [
      { file, message: 'The text could not be split into rows and cells.', hint },
    ]);
  }

  const header = (records[0] ?? []).map((cell) => cell.trim());
  const position = checkHeader(header, file);
  if (records.length < 2) {
    throw new AppError('INVALID_INPUT', `The data file ${file} has no data rows.`, [
      { file, message: 'No rows below the header.', hint },
    ]);
  }

  const issues: InputIssue[] = [];
  const rows: CbsQuarterRow[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((cells, index) => {
    if (issues.length >= maxIssues) return;
    const row = index + 1;
    if (cells.length !== header.length) {
      issues.push({
        file,
        row,
        message: `has ${cells.length} cells where the header has ${header.length}.`,
        hint: 'Quote a label that contains a comma, e.g. "24-30, 33 Metaal-elektro industrie".',
      });
      return;
    }
    const cell = (column: CbsColumn): string => cells[position[column]]!.trim();
    const problem = (column: CbsColumn, message: string, fix?: string): void => {
      issues.push({ file, row, column, message, ...(fix === undefined ? {} : { hint: fix }) });
    };

    // Step 1: the period, in the three columns that must agree.
    const periodType = cell('period_type');
    const period = periodKeyPattern.exec(cell('period_key'));
    const year = Number(cell('year'));
    const quarterText = cell('quarter');
    if (periodType !== 'quarter' && periodType !== 'year') {
      problem('period_type', 'is neither "quarter" nor "year".');
      return;
    }
    if (period === null) {
      problem('period_key', 'is not a CBS period code.', 'Expected YYYYKW01..04 or YYYYJJ00.');
      return;
    }
    const isQuarterKey = period[3] !== undefined;
    if (isQuarterKey !== (periodType === 'quarter')) {
      problem('period_type', 'does not match the period code.');
      return;
    }
    if (!Number.isInteger(year) || year !== Number(period[1])) {
      problem('year', 'is not the year of the period code.');
      return;
    }
    const quarter = isQuarterKey ? Number(period[3]) : 0;
    if (isQuarterKey ? quarterText !== String(quarter) : quarterText !== '') {
      problem(
        'quarter',
        isQuarterKey ? 'is not the quarter of the period code.' : 'must be empty on a year row.',
      );
      return;
    }

    // Step 2: sector, status and the percentage.
    const sectorKey = cell('sector_key');
    if (sectorKey === '') {
      problem('sector_key', 'is empty.', 'Every row needs the CBS code of its breakdown.');
      return;
    }
    const status = cell('status');
    if (!(cbsStatuses as readonly string[]).includes(status)) {
      problem('status', `is not one of ${cbsStatuses.join(', ')}.`);
      return;
    }
    const pctText = cell('absence_pct');
    const absencePct = pctText === '' ? null : Number(pctText);
    if (
      absencePct !== null &&
      !(Number.isFinite(absencePct) && absencePct >= 0 && absencePct <= 100)
    ) {
      problem(
        'absence_pct',
        'is not a percentage from 0 to 100.',
        'Leave the cell empty where CBS has no figure.',
      );
      return;
    }
    const identity = `${sectorKey}\u0000${cell('period_key')}`;
    if (seen.has(identity)) {
      problem(
        'period_key',
        'repeats a sector and period seen on an earlier row.',
        'Keep one row per sector and period.',
      );
      return;
    }
    seen.add(identity);

    if (periodType === 'quarter') {
      rows.push({
        sectorKey,
        sectorLabel: cell('sector_label_nl'),
        sectorLevel: cell('sector_level'),
        year,
        quarter,
        isProvisional: status === 'Voorlopig',
        absencePct,
      });
    }
  });

  if (issues.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `The data file ${file} has ${issues.length >= maxIssues ? 'at least ' : ''}${issues.length} problem(s).`,
      issues,
    );
  }
  return rows;
}

function checkHeader(header: readonly string[], file: string): Record<CbsColumn, number> {
  const issues: InputIssue[] = [];
  const position = {} as Record<CbsColumn, number>;
  for (const column of cbsColumns) {
    const index = header.indexOf(column);
    if (index === -1) {
      issues.push({ file, column, message: 'is missing from the header.', hint });
    } else {
      position[column] = index;
    }
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `The data file ${file} lacks required columns.`, issues);
  }
  return position;
}
