import { minimumRetentionMonths } from './purposeRegister.ts';
import { purgeEventLog } from './purgeEventLog.ts';
import type { PurgeResult, Store } from './store.ts';

export interface RetentionJobOptions {
  store: Store;
  /** Entries older than this are purged; at least six months (COMPLIANCE.md, promise 8). */
  retentionMonths: number;
  /** Time between runs; the first runs at once. */
  intervalMs: number;
  now: () => Date;
  /** Told of each tenant's purge, and of a run that failed; never given a personal value. */
  onRun: (report: RetentionRun) => void;
}

export type RetentionRun =
  | { kind: 'purged'; tenantId: string; result: PurgeResult & { cutoff: string } }
  | { kind: 'failed'; error: unknown };

export interface RetentionJob {
  /** One run over every tenant; resolves when it is done. */
  runOnce(): Promise<void>;
  stop(): void;
}

/** A day: the retention is counted in months, so a daily run keeps within a day of it. */
export const retentionIntervalMs = 24 * 60 * 60 * 1000;

/**
 * The event log's retention job: at start and then every `intervalMs`, each tenant's entries
 * older than `retentionMonths` are purged, with their decisions and stored explanations; the rest
 * of the chain still verifies from its anchor. The timer does not keep the process alive.
 */
export function startRetentionJob(options: RetentionJobOptions): RetentionJob {
  if (options.retentionMonths < minimumRetentionMonths) {
    throw new RangeError(`retentionMonths must be at least ${minimumRetentionMonths}`);
  }
  let running: Promise<void> | undefined;

  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        for (const tenant of await options.store.listTenants()) {
          const result = await purgeEventLog(
            options.store,
            tenant.id,
            options.retentionMonths,
            options.now(),
          );
          options.onRun({ kind: 'purged', tenantId: tenant.id, result });
        }
      } catch (error) {
        options.onRun({ kind: 'failed', error });
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  void runOnce();
  const timer = setInterval(() => void runOnce(), options.intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: () => clearInterval(timer),
  };
}
