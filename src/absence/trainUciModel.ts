import type { Context } from '../features/contexts.ts';
import { crossValidate, type CrossValidationResult, type UciModelKind } from './crossValidate.ts';
import type { Bands, LinearModel } from './linearModel.ts';
import { trainLinearModel } from './trainLinearModel.ts';
import { trainTreeModel } from './trees/trainTreeModel.ts';
import type { TreeModel } from './trees/treeModel.ts';
import { uciFeaturesFor, type UciProblem } from './uciPipeline.ts';
import { uciTarget } from './uciTarget.ts';

export type UciModelChoice = UciModelKind | 'auto';

export interface TrainedUciModel {
  model: LinearModel | TreeModel;
  /** The cross-validation that chose the model; absent when the caller named the model. */
  crossValidation?: CrossValidationResult;
}

/**
 * Trains the UCI model of a context on all cases. With `auto`, the kind is the one with the higher
 * AUC in the evaluation protocol (5 x 5 stratified cross-validation, same folds for both), so the
 * engine is used where it beats the logistic baseline.
 */
export async function trainUciModel(
  problem: UciProblem,
  context: Context,
  options: { seed: number; bands: Bands; choice: UciModelChoice; createdAt?: string },
): Promise<TrainedUciModel> {
  const features = uciFeaturesFor(context);
  const crossValidation =
    options.choice === 'auto'
      ? await crossValidate({
          ...problem,
          features,
          context,
          catalogue: 'uci',
          target: uciTarget,
          seed: options.seed,
        })
      : undefined;
  const kind = crossValidation?.model ?? (options.choice as UciModelKind);
  const trainOptions = {
    ...problem,
    features,
    context,
    catalogue: 'uci' as const,
    target: uciTarget,
    bands: options.bands,
    seed: options.seed,
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
  };
  const model =
    kind === 'logistic-regression'
      ? trainLinearModel({ ...trainOptions, isValidated: true })
      : (await trainTreeModel(trainOptions)).model;
  return crossValidation === undefined ? { model } : { model, crossValidation };
}
