import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { cbsFileName } from './cbsColumns.ts';
import { parseCbsAbsence } from './parseCbsAbsence.ts';
import { toQuarterlySeries, type CbsQuarterlySeries } from './toQuarterlySeries.ts';

/**
 * Reads the CBS 80072ned extract (the CSV file, or the folder that holds it) into one quarterly
 * series per breakdown. Yearly rows are validated and dropped: CBS's annual figure is its own
 * estimate, not the mean of the quarters.
 */
export async function readCbsAbsence(
  path: string,
): Promise<{ file: string; series: CbsQuarterlySeries[] }> {
  let filePath = path;
  let text: string;
  try {
    if ((await stat(path)).isDirectory()) filePath = join(path, cbsFileName);
    text = await readFile(filePath, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `Cannot read the CBS data at ${basename(filePath)}.`, [
      {
        file: basename(filePath),
        message: 'The file does not exist or is not readable.',
        hint: `Pass the folder data/cbs-80072ned or the file ${cbsFileName}.`,
      },
    ]);
  }
  const file = basename(filePath);
  return { file, series: toQuarterlySeries(parseCbsAbsence(text, file)) };
}
