import type { ExtractValueFormat } from './extractDatasheet.ts';

type FormatKind = ExtractValueFormat['kind'];

/**
 * How a canonical field is read from an extract's text cells:
 * - `text`, `number`, `integer`, `boolean`: the cell itself (numbers top-coded or not);
 * - `age`: an age band, read as the age at the band's middle on the reference date;
 * - `weeks`: whole weeks from the reference date (one week, or a block of weeks for the fields
 *   that allow it), read as the week number (the block's middle week).
 */
export type CellKind = 'text' | 'number' | 'integer' | 'boolean' | 'age' | 'weeks';

export interface ExtractField {
  record: 'employee' | 'episode' | 'both';
  /** The formats this field may have in the extract; any other is refused, naming the column. */
  accepts: readonly FormatKind[];
  /** Whether coarser blocks of weeks are acceptable (dates that no duration is computed from). */
  allowsWeekBlocks?: boolean;
  isRequired?: boolean;
}

const textOf = (...accepts: FormatKind[]): readonly FormatKind[] => accepts;
const numberFormats = textOf('as-is', 'top-coded');

/**
 * The canonical fields (src/sources/canonical/canonicalTables.ts) an extract may carry, by the
 * same column names. An extract of episodes joined with their employees has both in one row.
 */
export const extractFields: Readonly<Record<string, ExtractField>> = {
  employeeId: { record: 'both', accepts: textOf('pseudonym', 'as-is'), isRequired: true },
  sex: { record: 'employee', accepts: textOf('as-is', 'category') },
  // The canonical birth year; from a date of birth or a birth year generalised to an age band.
  birthYear: { record: 'employee', accepts: textOf('age-band', 'as-is') },
  ageYears: { record: 'employee', accepts: textOf('as-is', 'top-coded', 'age-band') },
  contractHoursPerWeek: { record: 'employee', accepts: numberFormats },
  contractType: { record: 'employee', accepts: textOf('as-is', 'category') },
  employmentStartDate: {
    record: 'employee',
    accepts: textOf('relative-weeks'),
    allowsWeekBlocks: true,
  },
  employmentEndDate: {
    record: 'employee',
    accepts: textOf('relative-weeks'),
    allowsWeekBlocks: true,
  },
  tenureYears: { record: 'employee', accepts: numberFormats },
  team: { record: 'employee', accepts: textOf('as-is', 'category', 'pseudonym') },
  sector: { record: 'employee', accepts: textOf('as-is', 'category') },
  episodeId: { record: 'episode', accepts: textOf('pseudonym', 'as-is'), isRequired: true },
  kind: { record: 'episode', accepts: textOf('as-is') },
  startDate: { record: 'episode', accepts: textOf('relative-weeks'), isRequired: true },
  // Required: without it an open episode cannot be told from an ended one.
  endDate: { record: 'episode', accepts: textOf('relative-weeks'), isRequired: true },
  durationDays: { record: 'episode', accepts: numberFormats },
  durationHours: { record: 'episode', accepts: numberFormats },
  expectedDurationDays: { record: 'episode', accepts: numberFormats },
  isSafetyNet: { record: 'episode', accepts: textOf('as-is') },
  isWorkAccident: { record: 'episode', accepts: textOf('as-is') },
  hasLiableThirdParty: { record: 'episode', accepts: textOf('as-is') },
  diagnosisCode: { record: 'episode', accepts: textOf('as-is', 'category') },
  linkedToEpisodeId: { record: 'episode', accepts: textOf('pseudonym', 'as-is') },
  chainStartDate: { record: 'episode', accepts: textOf('relative-weeks') },
};

/** Canonical fields an extract cannot carry, and why: refused by name with the reason. */
export const fieldsNotFromExtracts: Readonly<Record<string, string>> = {
  startMonth: 'is derived from startDate; leave it out of the extract.',
  startWeekday: 'would give the day that relative weeks hide; leave it out of the extract.',
  sequence: 'orders reports within a month, which relative weeks already do; leave it out.',
  recoveries: 'holds dates of partial returns, which no rule turns into weeks; leave it out.',
};

/** How the cells of a field are decoded, from its canonical meaning and its extract format. */
export function cellKindOf(name: string, format: ExtractValueFormat): CellKind {
  if (format.kind === 'age-band') return 'age';
  if (format.kind === 'relative-weeks') return 'weeks';
  switch (name) {
    case 'birthYear':
      return 'integer';
    case 'ageYears':
    case 'contractHoursPerWeek':
    case 'tenureYears':
    case 'durationDays':
    case 'durationHours':
    case 'expectedDurationDays':
      return 'number';
    case 'isSafetyNet':
    case 'isWorkAccident':
    case 'hasLiableThirdParty':
      return 'boolean';
    default:
      return 'text';
  }
}

const numberPattern = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const bandPattern = /^(\d{1,3})-(\d{1,3})$/;
const blockPattern = /^(-?\d+)\.\.(-?\d+)$/;
const weekPattern = /^-?\d+$/;

/** A decoded cell; the message of an unreadable one never repeats the cell's text. */
export type ExtractCell =
  | { isValid: true; value: string | number | boolean | undefined }
  | { isValid: false; message: string };

/** Decodes one cell; '' and `*` (hidden by k-anonymity) are both a field left out. */
export function decodeExtractCell(text: string, kind: CellKind): ExtractCell {
  const cell = text.trim();
  if (cell === '' || cell === '*') return { isValid: true, value: undefined };
  switch (kind) {
    case 'text':
      return { isValid: true, value: cell };
    case 'number':
    case 'integer':
      if (!numberPattern.test(cell) || (kind === 'integer' && !Number.isInteger(Number(cell)))) {
        return { isValid: false, message: `not ${kind === 'integer' ? 'a whole' : 'a'} number.` };
      }
      return { isValid: true, value: Number(cell) };
    case 'boolean':
      if (cell === 'true') return { isValid: true, value: true };
      if (cell === 'false') return { isValid: true, value: false };
      return { isValid: false, message: 'not a boolean (true or false).' };
    case 'age': {
      const band = bandPattern.exec(cell);
      if (band === null || Number(band[2]) < Number(band[1])) {
        return { isValid: false, message: 'not an age band such as 30-39.' };
      }
      // Whole years low..high cover ages from low up to high + 1: the middle of that span.
      return { isValid: true, value: (Number(band[1]) + Number(band[2]) + 1) / 2 };
    }
    case 'weeks': {
      if (weekPattern.test(cell)) return { isValid: true, value: Number(cell) };
      const block = blockPattern.exec(cell);
      if (block === null || Number(block[2]) < Number(block[1])) {
        return { isValid: false, message: 'not a week number relative to the reference date.' };
      }
      return { isValid: true, value: Math.floor((Number(block[1]) + Number(block[2])) / 2) };
    }
  }
}
