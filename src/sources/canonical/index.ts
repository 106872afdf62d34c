export * from './canonicalTables.ts';
export * from './csvTable.ts';
export * from './csvTableWriter.ts';
export * from './readCsvTable.ts';
export * from './readCanonicalDataset.ts';
