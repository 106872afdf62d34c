import type { PurposeRegister } from '../service/purposeRegister.ts';
import type { Store } from '../service/store.ts';
import type { AccountabilityInputs } from './accountabilityInputs.ts';
import { currentModels } from './modelSummary.ts';

export const defaultContact =
  'the data protection officer (functionaris gegevensbescherming) of your employer';

/** Gathers the documents' inputs: the register as loaded, the current models from the store. */
export async function collectInputs(
  store: Store,
  purposes: PurposeRegister,
  options: { controllerName: string; contact: string; now: Date },
): Promise<AccountabilityInputs> {
  return {
    purposes,
    models: currentModels(await store.listModels()),
    controller: { name: options.controllerName, contact: options.contact },
    generatedAt: options.now.toISOString(),
  };
}
