import type { Episode } from '../core/canonical/episode.ts';
import { dayNumberFromIso } from './dayNumber.ts';

/** A run of days [fromDay, toDayExclusive) with the share of the work the employee could not do. */
export interface IncapacitySegment {
  fromDay: number;
  toDayExclusive: number;
  incapacityShare: number;
}

/**
 * The days of an episode weighted by incapacity: full until the first partial recovery, then
 * (100 - workingPct)%, as arbodiensten weigh partial return in the absence percentage. An open
 * episode runs to `observedUntilDayExclusive`.
 */
export function incapacitySegmentsOf(
  episode: Episode,
  observedUntilDayExclusive: number,
): IncapacitySegment[] {
  if (episode.startDate === undefined) return [];
  const startDay = dayNumberFromIso(episode.startDate);
  const endDay =
    episode.endDate == null ? observedUntilDayExclusive : dayNumberFromIso(episode.endDate);

  const segments: IncapacitySegment[] = [];
  let fromDay = startDay;
  let incapacityShare = 1;
  for (const recovery of episode.recoveries ?? []) {
    const recoveryDay = Math.min(dayNumberFromIso(recovery.date), endDay);
    if (recoveryDay > fromDay)
      segments.push({ fromDay, toDayExclusive: recoveryDay, incapacityShare });
    fromDay = Math.max(fromDay, recoveryDay);
    incapacityShare = 1 - recovery.workingPct / 100;
  }
  if (endDay > fromDay) segments.push({ fromDay, toDayExclusive: endDay, incapacityShare });
  return segments;
}

/** Incapacity-weighted days of the segments that fall within [fromDay, toDayExclusive). */
export function weightedDaysWithin(
  segments: readonly IncapacitySegment[],
  fromDay: number,
  toDayExclusive: number,
): number {
  let total = 0;
  for (const segment of segments) {
    const overlap =
      Math.min(segment.toDayExclusive, toDayExclusive) - Math.max(segment.fromDay, fromDay);
    if (overlap > 0) total += overlap * segment.incapacityShare;
  }
  return total;
}
