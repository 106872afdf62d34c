import type { LinearModel } from '../absence/linearModel.ts';
import { modelCard } from './modelCard.ts';
import type { Store } from './store.ts';

/** Keeps each served model and its card in the database, once per version. */
export async function registerModels(
  store: Store,
  models: readonly LinearModel[],
  now: Date,
): Promise<void> {
  for (const model of models) {
    await store.saveModel({
      modelVersion: model.modelVersion,
      context: model.context,
      artefactJson: JSON.stringify(model),
      cardJson: JSON.stringify(modelCard(model)),
      createdAt: now.toISOString(),
    });
  }
}
