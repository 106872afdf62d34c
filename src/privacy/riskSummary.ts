import type { EquivalenceClass } from './kAnonymise.ts';

export interface RiskSummary {
  /** Rows the summary covers. */
  records: number;
  classes: number;
  /** The smallest class: the k actually achieved. null when there are no records. */
  smallestClass: number | null;
  /** Per-record re-identification risk 1/class size (prosecutor model): largest and mean. */
  maxRisk: number | null;
  meanRisk: number | null;
  /** Share of records whose risk is above 1/k. */
  shareAboveOneOverK: number;
  /** Share of records whose risk is above 0.2, 0.1 and 0.05. */
  shareAbove: Record<'0.2' | '0.1' | '0.05', number>;
}

/**
 * The prosecutor re-identification risk of each record is 1 / the size of its class: an attacker
 * who knows a person is in the extract and knows their quasi-identifiers picks one of that many.
 */
export function summariseRisk(
  classes: Iterable<EquivalenceClass>,
  k: number,
  isIncluded: (entry: EquivalenceClass) => boolean = () => true,
): RiskSummary {
  let records = 0;
  let classCount = 0;
  let smallest = Number.POSITIVE_INFINITY;
  let riskSum = 0;
  const above = { k: 0, '0.2': 0, '0.1': 0, '0.05': 0 };
  for (const entry of classes) {
    if (!isIncluded(entry)) continue;
    const risk = 1 / entry.size;
    records += entry.rows;
    classCount++;
    smallest = Math.min(smallest, entry.size);
    riskSum += risk * entry.rows;
    if (risk > 1 / k) above.k += entry.rows;
    if (risk > 0.2) above['0.2'] += entry.rows;
    if (risk > 0.1) above['0.1'] += entry.rows;
    if (risk > 0.05) above['0.05'] += entry.rows;
  }
  const share = (count: number): number => (records === 0 ? 0 : round(count / records));
  return {
    records,
    classes: classCount,
    smallestClass: records === 0 ? null : smallest,
    maxRisk: records === 0 ? null : round(1 / smallest),
    meanRisk: records === 0 ? null : round(riskSum / records),
    shareAboveOneOverK: share(above.k),
    shareAbove: {
      '0.2': share(above['0.2']),
      '0.1': share(above['0.1']),
      '0.05': share(above['0.05']),
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
