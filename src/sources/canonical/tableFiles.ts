import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError } from '../../core/errors.ts';

/** The file formats a canonical table may come in, by file name extension. */
export const tableFileFormats = ['csv', 'xlsx', 'parquet', 'json', 'jsonl'] as const;

export type TableFileFormat = (typeof tableFileFormats)[number];

/** The format of a table file by its extension, or undefined when it is none of ours. */
export function tableFileFormatOf(path: string): TableFileFormat | undefined {
  const extension = extname(path).toLowerCase().slice(1);
  return (tableFileFormats as readonly string[]).includes(extension)
    ? (extension as TableFileFormat)
    : undefined;
}

/** The name of a table without its extension: `employees` for `employees.csv`. */
export function tableStem(fileName: string): string {
  return basename(fileName, extname(fileName));
}

/**
 * The one file of a table in a folder, in whichever accepted format: `employees.csv`,
 * `employees.xlsx`, `employees.parquet`, `employees.json` or `employees.jsonl`. Two of them are
 * refused by name, because which one is meant cannot be told; none is refused with the names
 * that would do. Names are matched exactly (lower case), as `synth` writes them.
 */
export async function findTableFile(directory: string, stem: string): Promise<string> {
  const candidates = tableFileFormats.map((format) => `${stem}.${format}`);
  const present = (await readdir(directory)).filter((name) => candidates.includes(name)).sort();
  if (present.length > 1) {
    throw new AppError(
      'INVALID_INPUT',
      `The data folder holds the ${stem} table in ${present.length} formats: ${present.join(', ')}.`,
      present.map((file) => ({
        file,
        message: `is one of ${present.length} files of the ${stem} table.`,
        hint: 'Keep one format of each table in the folder and move the others out.',
      })),
    );
  }
  if (present.length === 0) {
    throw new AppError('NOT_FOUND', `The data folder has no ${stem} table.`, [
      {
        file: directory,
        message: `has none of ${candidates.join(', ')}.`,
        hint: `Put the ${stem} table in the folder as one of those files.`,
      },
    ]);
  }
  return join(directory, present[0]!);
}
