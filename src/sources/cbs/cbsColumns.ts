/** The columns of the bundled CBS 80072ned extract, in file order. */
export const cbsColumns = [
  'sector_key',
  'sector_label_nl',
  'sector_level',
  'period_key',
  'period_label_nl',
  'period_type',
  'year',
  'quarter',
  'status',
  'absence_pct',
] as const;

export type CbsColumn = (typeof cbsColumns)[number];

/** The file name inside `data/cbs-80072ned/`. */
export const cbsFileName = '80072ned_sickness_absence_pct_by_sector_quarterly.csv';

export const cbsStatuses = ['Definitief', 'Voorlopig'] as const;
