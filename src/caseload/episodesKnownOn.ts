import type { Episode } from '../core/canonical/episode.ts';

/**
 * The episodes as a record system would have shown them at the end of `asOf`: reports after it
 * do not exist yet, and for an episode still open then the end date, the duration and later
 * partial recoveries are unknown. Anything scored from these cannot see the future.
 */
export function episodesKnownOn(episodes: readonly Episode[], asOf: string): Episode[] {
  const known: Episode[] = [];
  for (const episode of episodes) {
    const isReported =
      episode.startDate !== undefined
        ? episode.startDate <= asOf
        : episode.startMonth <= asOf.slice(0, 7);
    if (!isReported) continue;
    const isEnded = episode.endDate != null && episode.endDate <= asOf;
    if (isEnded) {
      known.push(episode);
      continue;
    }
    const open: Episode = { ...episode, endDate: null };
    delete open.durationDays;
    delete open.durationHours;
    if (episode.recoveries !== undefined) {
      open.recoveries = episode.recoveries.filter((r) => r.date <= asOf);
    }
    known.push(open);
  }
  return known;
}
