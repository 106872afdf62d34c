import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../core/errors.ts';
import { parseLinearModel, type LinearModel } from '../absence/linearModel.ts';

/** Reads a model artefact, checking its schema and checksum. */
export async function readModelFile(path: string): Promise<LinearModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `Cannot read the model file ${basename(path)}.`, [
      {
        file: basename(path),
        message: 'does not exist or is not readable.',
        hint: 'Train one with `absencelab train`.',
      },
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_MODEL', `The model file ${basename(path)} is not JSON.`);
  }
  return parseLinearModel(data, basename(path));
}
