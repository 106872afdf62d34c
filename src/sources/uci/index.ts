export { parseUciFile, parseUciText } from './parseUciFile.ts';
export { toCanonical, type UciDataset } from './toCanonical.ts';
export { uciColumns, type UciRow } from './uciColumns.ts';
export { readUciDataset } from './readUciDataset.ts';
