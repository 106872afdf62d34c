export { cbsColumns, cbsFileName } from './cbsColumns.ts';
export { parseCbsAbsence, type CbsQuarterRow } from './parseCbsAbsence.ts';
export { readCbsAbsence } from './readCbsAbsence.ts';
export {
  completeSeriesFrom,
  missingQuarters,
  toQuarterlySeries,
  type CbsQuarterlySeries,
} from './toQuarterlySeries.ts';
