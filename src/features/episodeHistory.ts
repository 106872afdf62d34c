import { isoDayNumber } from './isoDayNumber.ts';
import type { Episode } from '../core/canonical/episode.ts';
import type { ScoringCase } from './scoringCase.ts';

/** What was known, at a case's sick report, of one earlier episode of the same employee. */
export interface KnownEpisode {
  episode: Episode;
  /** Days from that sick report to this one. */
  daysBefore: number;
  /** Days absent up to this report: the whole episode if it had ended, else the days so far. */
  daysAbsent: number;
  /** Days from its end to this report; undefined while it had not ended by then. */
  daysSinceEnd: number | undefined;
}

/**
 * The earlier sickness episodes of the employee as they stood on the day of this sick report, at
 * day precision. An end date after the report was not known then, so it is cut to the report day:
 * whatever the records hold about later days can never reach a feature.
 */
export function knownEpisodes(scoringCase: ScoringCase): KnownEpisode[] {
  const cached = cache.get(scoringCase);
  if (cached !== undefined) return cached;
  const known = computeKnownEpisodes(scoringCase);
  cache.set(scoringCase, known);
  return known;
}

// Several features read the same history of a case: work it out once per case object.
const cache = new WeakMap<ScoringCase, KnownEpisode[]>();

function computeKnownEpisodes(scoringCase: ScoringCase): KnownEpisode[] {
  const reportDate = scoringCase.episode.startDate;
  if (reportDate === undefined) return [];
  // Day numbers rather than date differences: the report day is parsed once per case.
  const reportDay = isoDayNumber(reportDate);
  const known: KnownEpisode[] = [];
  for (const other of scoringCase.history) {
    if (
      other.kind !== 'sickness' ||
      other.employeeId !== scoringCase.episode.employeeId ||
      other.episodeId === scoringCase.episode.episodeId ||
      other.startDate === undefined ||
      other.startDate >= reportDate
    ) {
      continue;
    }
    const hasEnded = other.endDate != null && other.endDate < reportDate;
    const startDay = isoDayNumber(other.startDate);
    const endDay = hasEnded ? isoDayNumber(other.endDate as string) : reportDay;
    known.push({
      episode: other,
      daysBefore: reportDay - startDay,
      daysAbsent: Math.max(0, endDay - startDay),
      daysSinceEnd: hasEnded ? reportDay - endDay : undefined,
    });
  }
  return known;
}

/** Days of absence within the window of `windowDays` before the report. */
export function absentDaysWithin(known: readonly KnownEpisode[], windowDays: number): number {
  let total = 0;
  for (const entry of known) {
    const startOffset = Math.min(entry.daysBefore, windowDays);
    const endOffset = entry.daysSinceEnd ?? 0;
    total += Math.max(0, startOffset - endOffset);
  }
  return total;
}
