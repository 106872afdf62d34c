/**
 * The columns of the UCI "Absenteeism at work" file (Martiniano et al.), in file order, with the
 * range each value must lie in. Header names are matched after trimming: the original has a
 * trailing space in "Work load Average/day ".
 */
export const uciColumns = [
  { header: 'ID', key: 'id', min: 1, max: 10_000, isInteger: true },
  { header: 'Reason for absence', key: 'reason', min: 0, max: 28, isInteger: true },
  { header: 'Month of absence', key: 'month', min: 0, max: 12, isInteger: true },
  { header: 'Day of the week', key: 'weekday', min: 2, max: 6, isInteger: true },
  { header: 'Seasons', key: 'season', min: 1, max: 4, isInteger: true },
  { header: 'Transportation expense', key: 'transportExpense', min: 0, max: 10_000 },
  { header: 'Distance from Residence to Work', key: 'distanceKm', min: 0, max: 1_000 },
  { header: 'Service time', key: 'serviceYears', min: 0, max: 60 },
  { header: 'Age', key: 'ageYears', min: 14, max: 100 },
  { header: 'Work load Average/day', key: 'workloadPerDay', min: 0, max: 10_000 },
  { header: 'Hit target', key: 'hitTargetPct', min: 0, max: 100 },
  { header: 'Disciplinary failure', key: 'disciplinaryFailure', min: 0, max: 1, isInteger: true },
  { header: 'Education', key: 'educationLevel', min: 1, max: 4, isInteger: true },
  { header: 'Son', key: 'children', min: 0, max: 30, isInteger: true },
  { header: 'Social drinker', key: 'socialDrinker', min: 0, max: 1, isInteger: true },
  { header: 'Social smoker', key: 'socialSmoker', min: 0, max: 1, isInteger: true },
  { header: 'Pet', key: 'pets', min: 0, max: 100, isInteger: true },
  { header: 'Weight', key: 'weightKg', min: 20, max: 300 },
  { header: 'Height', key: 'heightCm', min: 100, max: 250 },
  { header: 'Body mass index', key: 'bmi', min: 10, max: 80 },
  { header: 'Absenteeism time in hours', key: 'hours', min: 0, max: 10_000 },
] as const satisfies ReadonlyArray<{
  header: string;
  key: string;
  min: number;
  max: number;
  isInteger?: boolean;
}>;

export type UciKey = (typeof uciColumns)[number]['key'];
export type UciRow = Record<UciKey, number>;

/** Attributes of the person that the UCI file repeats on each of their rows. */
export const uciEmployeeKeys = [
  'transportExpense',
  'distanceKm',
  'serviceYears',
  'ageYears',
  'educationLevel',
  'children',
  'socialDrinker',
  'socialSmoker',
  'pets',
  'weightKg',
  'heightCm',
  'bmi',
] as const satisfies readonly UciKey[];

/** The calendar month of the first row: the file runs from July 2007 to July 2010. */
export const uciFirstMonth = { year: 2007, month: 7 } as const;
