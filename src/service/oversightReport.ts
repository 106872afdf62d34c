import { AppError } from '../core/errors.ts';
import { requireRole, type Caller } from './authenticate.ts';
import { oversightRoles } from './roles.ts';
import type { Store } from './store.ts';

export const reportPeriods = ['month', 'year'] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

export interface OversightRow {
  period: string;
  predictions: number;
  decisions: number;
  followed: number;
  deviated: number;
  /** Share of decisions that followed the indication; null without decisions. */
  followRate: number | null;
  deviationRate: number | null;
  /** Decisions per prediction: how often a professional recorded what they did. */
  decisionRate: number | null;
}

/**
 * How often professionals followed or deviated from indications, per period, for the caller's
 * tenant (AI Act art. 14 and 26: the deployer monitors human oversight). Counts only.
 */
export async function oversightReport(
  store: Store,
  caller: Caller,
  period: string,
): Promise<{ tenantId: string; period: ReportPeriod; rows: OversightRow[] }> {
  requireRole(caller, oversightRoles, 'read oversight reports');
  if (!(reportPeriods as readonly string[]).includes(period)) {
    throw new AppError('INVALID_INPUT', 'Unknown report period.', [
      { field: 'period', message: `must be one of: ${reportPeriods.join(', ')}.` },
    ]);
  }
  const counts = await store.oversightCounts(caller.tenantId);
  const rows = new Map<string, OversightRow>();
  for (const count of counts) {
    const key = period === 'year' ? count.month.slice(0, 4) : count.month;
    const row = rows.get(key) ?? emptyRow(key);
    row.predictions += count.predictions;
    row.followed += count.followed;
    row.deviated += count.deviated;
    rows.set(key, row);
  }
  const result = [...rows.values()].map((row) => {
    const decisions = row.followed + row.deviated;
    return {
      ...row,
      decisions,
      followRate: decisions === 0 ? null : row.followed / decisions,
      deviationRate: decisions === 0 ? null : row.deviated / decisions,
      decisionRate: row.predictions === 0 ? null : decisions / row.predictions,
    };
  });
  return { tenantId: caller.tenantId, period: period as ReportPeriod, rows: result };
}

function emptyRow(period: string): OversightRow {
  return {
    period,
    predictions: 0,
    decisions: 0,
    followed: 0,
    deviated: 0,
    followRate: null,
    deviationRate: null,
    decisionRate: null,
  };
}
