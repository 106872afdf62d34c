import type { Employee } from '../../core/canonical/employee.ts';
import type { Episode } from '../../core/canonical/episode.ts';
import { formatMonth } from '../../core/canonical/dates.ts';
import { uciEmployeeKeys, uciFirstMonth, type UciRow } from './uciColumns.ts';

export interface UciDataset {
  employees: Employee[];
  /** All rows as episodes, in file order; reason-0 rows have kind `disciplinary`. */
  episodes: Episode[];
}

/**
 * Turns UCI rows into canonical records.
 *
 * - The file has no year. Its rows run in consecutive month blocks from July 2007, so the year
 *   is rebuilt from row order: a month lower than the previous block's starts a new year.
 *   Rows with month 0 (three at the end) take the month of the block they sit in.
 * - Reason 0 is undocumented; nearly all such rows are disciplinary records of 0 hours, so they
 *   become `disciplinary` episodes and stay out of sickness modelling.
 * - An ID whose person attributes change is taken as more than one person (ID 29 has two
 *   attribute sets: age 28 in 2007 and age 41 later): each set gets its own employee id.
 */
export function toCanonical(rows: readonly UciRow[]): UciDataset {
  const employees = new Map<string, Employee>();
  const signaturesById = collectSignatures(rows);
  const episodes: Episode[] = [];

  let year: number = uciFirstMonth.year;
  let blockMonth: number = uciFirstMonth.month;

  rows.forEach((row, index) => {
    if (row.month !== 0 && row.month !== blockMonth) {
      if (row.month < blockMonth) year++;
      blockMonth = row.month;
    }

    const employeeId = employeeIdFor(row, signaturesById);
    if (!employees.has(employeeId)) employees.set(employeeId, employeeFrom(row, employeeId));

    const isSickness = row.reason !== 0;
    episodes.push({
      episodeId: `uci-${String(index + 1).padStart(4, '0')}`,
      employeeId,
      kind: isSickness ? 'sickness' : 'disciplinary',
      startMonth: formatMonth(year, blockMonth),
      // UCI codes Monday as 2; ISO as 1.
      startWeekday: row.weekday - 1,
      sequence: index,
      durationHours: row.hours,
      ...(isSickness ? { medical: { diagnosisCode: String(row.reason) } } : {}),
      attributes: {
        workloadPerDay: row.workloadPerDay,
        hitTargetPct: row.hitTargetPct,
        disciplinaryFailure: row.disciplinaryFailure,
      },
    });
  });

  return { employees: [...employees.values()], episodes };
}

function signatureOf(row: UciRow): string {
  return uciEmployeeKeys.map((key) => row[key]).join('|');
}

function collectSignatures(rows: readonly UciRow[]): Map<number, string[]> {
  const signaturesById = new Map<number, string[]>();
  for (const row of rows) {
    const signatures = signaturesById.get(row.id) ?? [];
    const signature = signatureOf(row);
    if (!signatures.includes(signature)) signatures.push(signature);
    signaturesById.set(row.id, signatures);
  }
  return signaturesById;
}

function employeeIdFor(row: UciRow, signaturesById: Map<number, string[]>): string {
  const signatures = signaturesById.get(row.id) ?? [];
  if (signatures.length <= 1) return `uci-${row.id}`;
  // Letters in order of first appearance: uci-29a, uci-29b.
  return `uci-${row.id}${String.fromCharCode(97 + signatures.indexOf(signatureOf(row)))}`;
}

function employeeFrom(row: UciRow, employeeId: string): Employee {
  return {
    employeeId,
    ageYears: row.ageYears,
    tenureYears: row.serviceYears,
    attributes: {
      transportExpense: row.transportExpense,
      distanceKm: row.distanceKm,
      educationLevel: row.educationLevel,
      children: row.children,
      pets: row.pets,
      socialDrinker: row.socialDrinker,
      socialSmoker: row.socialSmoker,
      weightKg: row.weightKg,
      heightCm: row.heightCm,
      bmi: row.bmi,
    },
  };
}
