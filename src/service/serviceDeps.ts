import type { LinearScorer } from '../absence/scoreLinear.ts';
import type { Context } from '../features/contexts.ts';
import type { EventLogWriter } from './eventLogWriter.ts';
import type { PurposeRegister } from './purposeRegister.ts';
import type { Store } from './store.ts';

/** What the service's operations work with; the adapters build it once at start. */
export interface ServiceDeps {
  store: Store;
  purposes: PurposeRegister;
  scorers: Partial<Record<Context, LinearScorer>>;
  eventLog: EventLogWriter;
  now: () => Date;
}

/** What the data-subject desk needs: the CLI runs it without models or an event log writer. */
export type DeskDeps = Pick<ServiceDeps, 'store' | 'purposes' | 'now'>;
