import type { LinearScorer } from '../absence/scoreLinear.ts';
import type { Context } from '../features/contexts.ts';
import { eventLogWriter } from './eventLogWriter.ts';
import type { PurposeRegister } from './purposeRegister.ts';
import type { ServiceDeps } from './serviceDeps.ts';
import type { Store } from './store.ts';

export function createServiceDeps(options: {
  store: Store;
  purposes: PurposeRegister;
  scorers: Partial<Record<Context, LinearScorer>>;
  now?: () => Date;
}): ServiceDeps {
  return {
    store: options.store,
    purposes: options.purposes,
    scorers: options.scorers,
    eventLog: eventLogWriter(options.store),
    now: options.now ?? (() => new Date()),
  };
}
