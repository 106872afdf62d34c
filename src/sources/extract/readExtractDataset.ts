import { basename } from 'node:path';
import { addDays, dayNumber, monthOf } from '../../core/canonical/dates.ts';
import { employeeSchema, type Employee } from '../../core/canonical/employee.ts';
import { episodeSchema, type Episode } from '../../core/canonical/episode.ts';
import { AppError, type InputIssue } from '../../core/errors.ts';
import { openTableSource } from '../../privacy/io/openTableSource.ts';
import type { CanonicalDataset } from '../canonical/readCanonicalDataset.ts';
import { decodeExtractCell, type CellKind, type ExtractField } from './extractColumns.ts';
import { readExtractDatasheet, type ExtractValueFormat } from './extractDatasheet.ts';
import { resolveExtractHeader } from './resolveExtractHeader.ts';

/** What the extract carries and at which precision, for the user and the model card. */
export interface ExtractDescription {
  file: string;
  rows: number;
  referenceDate: string;
  /** Canonical fields with values in the extract. */
  fields: string[];
  /** Fields in the extract whose every value k-anonymity hid (`*`): read as missing. */
  hiddenFields: string[];
  /** Ended episodes whose end is the start plus durationDays, and those with only an end week. */
  endsFromDays: number;
  endsFromWeeks: number;
  /** Where the observed period comes from: the datasheet, or the records' first and last dates. */
  periodSource: 'datasheet' | 'records';
}

export interface ExtractDataset extends CanonicalDataset {
  extract: ExtractDescription;
}

export interface ResolvedColumn {
  index: number;
  name: string;
  field: ExtractField;
  format: ExtractValueFormat;
  kind: CellKind;
}

const maxIssues = 20;
const daysPerWeek = 7;

/**
 * Reads a research extract (CSV or Parquet, as `absencelab pseudonymise` writes it) and its
 * datasheet into canonical records, so that the canonical features, contexts and models apply.
 * Columns are matched to canonical fields by name; the datasheet says what each holds:
 * - relative weeks become the first day of the week (dates at week precision, no weekday);
 * - an ended episode ends at its start plus durationDays when the extract has them below any
 *   cap and they agree with the end week, else at the start of its end week (at least the cap);
 * - an age band becomes the birth year of a person at the band's middle on the reference date;
 * - pseudonyms, merged categories and top-coded numbers are used as they are;
 * - `*` (hidden by k-anonymity) and empty cells are fields left out.
 * What cannot be mapped back is refused before any row is read, naming the column; a row that
 * cannot be read is refused naming file, row and column, never a value.
 */
export async function readExtractDataset(path: string): Promise<ExtractDataset> {
  const file = basename(path);
  const datasheet = await readExtractDatasheet(path);
  const source = openTableSource(path);
  if (source.format === 'xlsx') {
    throw new AppError('INVALID_ARGUMENT', 'An extract is a CSV or Parquet file.', [
      { field: '--data', message: 'must end in .csv or .parquet.' },
    ]);
  }
  const opened = await source.open();
  const { columns, hiddenFields } = resolveExtractHeader(opened.header, datasheet, file);
  const builder = createRecordBuilder(columns, file);
  for await (const batch of opened.batches) {
    batch.rows.forEach((row, i) => builder.add(row, batch.rowNumbers[i]!));
    if (builder.issues.length >= maxIssues) break;
  }
  if (builder.issues.length > 0) {
    throw new AppError('INVALID_INPUT', `${file} has rows that cannot be read.`, builder.issues);
  }
  if (builder.episodes.length === 0) {
    throw new AppError('INVALID_INPUT', `${file} has no episodes.`, [
      { file, message: 'holds no rows.' },
    ]);
  }

  const stated = datasheet.composition.observedPeriod;
  const period =
    stated === null || stated === undefined
      ? periodOfRecords(builder.episodes)
      : {
          // The first day's week: reports of that week were moved to its first day too.
          observedFrom: weekStartOf(stated.firstDay, builder.referenceDate),
          observedUntil: stated.lastDay,
        };
  return {
    employees: [...builder.employees.values()].map((entry) => entry.employee),
    episodes: builder.episodes,
    ...period,
    truth: undefined,
    extract: {
      file,
      rows: builder.episodes.length,
      referenceDate: builder.referenceDate,
      fields: columns.map((c) => c.name),
      hiddenFields,
      endsFromDays: builder.endsFromDays,
      endsFromWeeks: builder.endsFromWeeks,
      periodSource: stated === null || stated === undefined ? 'records' : 'datasheet',
    },
  };
}

interface EmployeeEntry {
  employee: Employee;
  row: number;
}

function createRecordBuilder(columns: readonly ResolvedColumn[], file: string) {
  const weeksFormat = columns.find((c) => c.name === 'startDate')!.format;
  const referenceDate = weeksFormat.kind === 'relative-weeks' ? weeksFormat.referenceDate : '';
  const referenceDay = dayNumber(referenceDate);
  const referenceYear = Number(referenceDate.slice(0, 4));
  // The reference date as a fractional year, for birth years from ages at that date.
  const referenceYearPoint =
    referenceYear + (referenceDay - dayNumber(`${referenceYear}-01-01`)) / 365.25;
  const durationFormat = columns.find((c) => c.name === 'durationDays')?.format;
  const durationCap =
    durationFormat?.kind === 'top-coded' ? (durationFormat.cap ?? undefined) : undefined;
  const employees = new Map<string, EmployeeEntry>();
  const episodes: Episode[] = [];
  const episodeIds = new Set<string>();
  const issues: InputIssue[] = [];
  const state = { endsFromDays: 0, endsFromWeeks: 0 };
  const weekStart = (week: number) => addDays(referenceDate, week * daysPerWeek);
  const issue = (row: number, column: string, message: string, hint?: string) => {
    if (issues.length < maxIssues) {
      issues.push({ file, row, column, message, ...(hint === undefined ? {} : { hint }) });
    }
  };

  function add(cells: readonly string[], row: number): void {
    const values = new Map<string, string | number | boolean | undefined>();
    let isReadable = true;
    for (const column of columns) {
      const decoded = decodeExtractCell(cells[column.index] ?? '', column.kind);
      if (!decoded.isValid) {
        issue(row, column.name, decoded.message);
        isReadable = false;
      } else {
        values.set(column.name, decoded.value);
      }
    }
    if (!isReadable) return;
    const employeeId = values.get('employeeId');
    const episodeId = values.get('episodeId');
    const startWeek = values.get('startDate');
    if (typeof employeeId !== 'string' || typeof episodeId !== 'string') {
      issue(row, employeeId === undefined ? 'employeeId' : 'episodeId', 'is empty.');
      return;
    }
    if (typeof startWeek !== 'number') {
      issue(row, 'startDate', 'is empty; every episode needs the week of its sick report.');
      return;
    }

    // The employee's attributes, the same in each of their rows.
    const employee: Record<string, unknown> = { employeeId };
    for (const column of columns) {
      const value = values.get(column.name);
      if (column.field.record !== 'employee' || value === undefined) continue;
      employee[column.name] = employeeValue(column, value);
    }
    if (
      columns.some((c) => c.name === 'employmentEndDate') &&
      employee['employmentEndDate'] === undefined
    ) {
      employee['employmentEndDate'] = null;
    }
    const known = employees.get(employeeId);
    if (known !== undefined) {
      const differing = differingField(known.employee, employee);
      if (differing !== undefined) {
        issue(
          row,
          differing,
          `differs from the same employee's row ${known.row}.`,
          "An employee's attributes must be the same in each of their rows.",
        );
      }
    } else {
      const parsed = employeeSchema.safeParse(employee);
      if (!parsed.success) {
        for (const problem of parsed.error.issues) {
          issue(row, String(problem.path[0] ?? 'employeeId'), problem.message);
        }
        return;
      }
      employees.set(employeeId, { employee: parsed.data, row });
    }

    // The episode, its dates at the first day of their weeks.
    if (episodeIds.has(episodeId)) {
      issue(row, 'episodeId', 'repeats an earlier row; each episode is one row.');
      return;
    }
    episodeIds.add(episodeId);
    const startDate = weekStart(startWeek);
    const episode: Record<string, unknown> = {
      episodeId,
      employeeId,
      startDate,
      startMonth: monthOf(startDate),
      endDate: endDateOf(startDate, startWeek, values.get('endDate'), values.get('durationDays')),
    };
    for (const column of columns) {
      const value = values.get(column.name);
      if (column.field.record !== 'episode' || value === undefined) continue;
      if (['episodeId', 'startDate', 'endDate', 'durationDays'].includes(column.name)) continue;
      if (column.name === 'diagnosisCode') episode['medical'] = { diagnosisCode: value };
      else if (column.kind === 'weeks') episode[column.name] = weekStart(value as number);
      else episode[column.name] = value;
    }
    const parsed = episodeSchema.safeParse(episode);
    if (!parsed.success) {
      for (const problem of parsed.error.issues) {
        const field = String(problem.path[0] ?? 'episodeId');
        const column =
          field === 'medical' ? 'diagnosisCode' : field === 'startMonth' ? 'startDate' : field;
        issue(row, column, problem.message);
      }
      return;
    }
    episodes.push(parsed.data);
  }

  function employeeValue(column: ResolvedColumn, value: string | number | boolean): unknown {
    if (column.kind === 'weeks') return weekStart(value as number);
    if (column.kind === 'age' && column.name === 'birthYear') {
      // Born when a person of the band's middle age on the reference date was born.
      return Math.floor(referenceYearPoint - (value as number));
    }
    return value;
  }

  function endDateOf(
    startDate: string,
    startWeek: number,
    endWeek: string | number | boolean | undefined,
    durationDays: string | number | boolean | undefined,
  ): string | null {
    if (typeof endWeek !== 'number') return null;
    const fromWeeks = weekStart(endWeek);
    if (typeof durationDays === 'number') {
      const isCapped = durationCap !== undefined && durationDays >= durationCap;
      // The true start lies 0-6 days after the week's first day: the end week can be the week
      // of start + durationDays or the one after it, no other.
      const weeksApart = endWeek - startWeek - Math.floor(durationDays / daysPerWeek);
      if (!isCapped && (weeksApart === 0 || weeksApart === 1)) {
        state.endsFromDays++;
        return addDays(startDate, durationDays);
      }
      if (isCapped) {
        state.endsFromWeeks++;
        const atCap = addDays(startDate, durationCap);
        return atCap > fromWeeks ? atCap : fromWeeks;
      }
    }
    state.endsFromWeeks++;
    return fromWeeks;
  }

  return {
    add,
    issues,
    employees,
    episodes,
    referenceDate,
    get endsFromDays() {
      return state.endsFromDays;
    },
    get endsFromWeeks() {
      return state.endsFromWeeks;
    },
  };
}

function differingField(
  known: Readonly<Record<string, unknown>>,
  other: Readonly<Record<string, unknown>>,
): string | undefined {
  const names = new Set([...Object.keys(known), ...Object.keys(other)]);
  for (const name of names) if (known[name] !== other[name]) return name;
  return undefined;
}

/** Without a stated period: from the first report to the last date in the records. */
function periodOfRecords(episodes: readonly Episode[]): {
  observedFrom: string;
  observedUntil: string;
} {
  let observedFrom = '9999-12-31';
  let observedUntil = '';
  for (const episode of episodes) {
    const start = episode.startDate!;
    if (start < observedFrom) observedFrom = start;
    if (start > observedUntil) observedUntil = start;
    if (episode.endDate != null && episode.endDate > observedUntil) observedUntil = episode.endDate;
  }
  return { observedFrom, observedUntil };
}

function weekStartOf(date: string, referenceDate: string): string {
  const week = Math.floor((dayNumber(date) - dayNumber(referenceDate)) / daysPerWeek);
  return addDays(referenceDate, week * daysPerWeek);
}
