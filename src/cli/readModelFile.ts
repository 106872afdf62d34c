import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../core/errors.ts';
import { parseLinearModel, type LinearModel } from '../absence/linearModel.ts';
import { parseSurvivalModel, type SurvivalModel } from '../absence/survival/survivalModel.ts';
import type { TreeEnsemble } from '../engine/trees/treeEnsemble.ts';

export type LoadedModel =
  | { kind: 'logistic-regression'; model: LinearModel }
  | { kind: 'discrete-time-hazard'; model: SurvivalModel; ensemble: TreeEnsemble };

/** Reads a model artefact of either kind, checking its schema and checksum. */
export async function readModelFile(path: string): Promise<LoadedModel> {
  return loadedModelOf(await readModelJson(path), basename(path));
}

/** The parsed JSON of a model file, with errors that name the file and what to do. */
export async function readModelJson(path: string): Promise<unknown> {
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
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INVALID_MODEL', `The model file ${basename(path)} is not JSON.`);
  }
}

/** The model in an artefact's JSON, by its `kind`; `source` names it in errors. */
export function loadedModelOf(data: unknown, source: string): LoadedModel {
  const kind = modelKindOf(data);
  if (kind === 'discrete-time-hazard') return { kind, ...parseSurvivalModel(data, source) };
  return { kind: 'logistic-regression', model: parseLinearModel(data, source) };
}

export function modelKindOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null && 'kind' in data ? data.kind : undefined;
}

/** Reads a model that must be the UCI logistic regression. */
export async function readLinearModelFile(path: string): Promise<LinearModel> {
  const loaded = await readModelFile(path);
  if (loaded.kind !== 'logistic-regression') {
    throw new AppError('INVALID_ARGUMENT', `${basename(path)} is a model for canonical data.`, [
      { field: '--model', message: 'use it with --format canonical.' },
    ]);
  }
  return loaded.model;
}
