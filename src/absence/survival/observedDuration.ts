import { daysBetween } from '../../core/canonical/dates.ts';
import type { Episode } from '../../core/canonical/episode.ts';
import type { ObservedDuration } from './legalIntervals.ts';

/**
 * The duration of an episode as it could be seen on `censorDate`: ended when its end date lies
 * on or before that day, else open with the days so far. Undefined when the report is after
 * `censorDate` or has no day.
 */
export function observedDuration(
  episode: Episode,
  censorDate: string,
): ObservedDuration | undefined {
  if (episode.startDate === undefined || episode.startDate > censorDate) return undefined;
  if (episode.endDate != null && episode.endDate <= censorDate) {
    return { durationDays: daysBetween(episode.startDate, episode.endDate), isEnded: true };
  }
  return { durationDays: daysBetween(episode.startDate, censorDate), isEnded: false };
}
