import type { PurposeRegister } from '../service/purposeRegister.ts';
import type { ModelSummary } from './modelSummary.ts';

/** Everything the accountability documents are generated from; nothing else goes in. */
export interface AccountabilityInputs {
  purposes: PurposeRegister;
  /** The current model per context. */
  models: readonly ModelSummary[];
  /** The controller (verwerkingsverantwoordelijke) and whom data subjects contact. */
  controller: { name: string; contact: string };
  generatedAt: string;
}
