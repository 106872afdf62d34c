/**
 * Knots of the discrete-time hazard model, in weeks: the Poortwachter milestones (problem
 * analysis at 6 weeks, the UWV report at 42, the first-year evaluation at 52, the end of salary
 * continuation at 104) and a few between them. Interval j runs from knot j to knot j + 1.
 */
export const knotsWeeks = [0, 6, 13, 26, 42, 52, 78, 104] as const;

/** The horizons every indication reports: P(absence lasts more than N weeks). */
export const horizonsWeeks = [6, 13, 42, 52, 104] as const;

export const daysPerWeek = 7;
export const maxDays = 104 * daysPerWeek;

export interface ObservedDuration {
  /** Days from the sick report to recovery, or to the last day it was seen open. */
  durationDays: number;
  /** false when the episode was still open when last seen (censored). */
  isEnded: boolean;
}

export interface IntervalRows {
  episodeIndex: Int32Array;
  intervalIndex: Int32Array;
  /** 1 when the episode ended within the interval. */
  labels: Float64Array;
  /** 1, or the observed share of an interval in which the episode was censored. */
  weights: Float64Array;
}

/**
 * One row per episode and interval at risk. An episode is at risk in an interval when it was
 * still absent at its start. An episode censored inside an interval counts as at risk for the
 * share of the interval it was seen (the actuarial life-table rule), so neither dropping nor
 * fully counting the partly seen interval biases the hazard.
 */
export function expandIntervals(durations: readonly ObservedDuration[]): IntervalRows {
  const episode: number[] = [];
  const interval: number[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  durations.forEach(({ durationDays, isEnded }, i) => {
    for (let j = 0; j < knotsWeeks.length - 1; j++) {
      const fromDays = knotsWeeks[j]! * daysPerWeek;
      const toDays = knotsWeeks[j + 1]! * daysPerWeek;
      // At risk from the start of the interval; an episode ending on day 0 ends in the first.
      if (durationDays < fromDays || (durationDays === fromDays && j > 0)) break;
      const endsHere = isEnded && durationDays <= toDays;
      if (endsHere || durationDays >= toDays) {
        episode.push(i);
        interval.push(j);
        labels.push(endsHere ? 1 : 0);
        weights.push(1);
      } else {
        const share = (durationDays - fromDays) / (toDays - fromDays);
        if (share > 0) {
          episode.push(i);
          interval.push(j);
          labels.push(0);
          weights.push(share);
        }
      }
      if (endsHere) break;
    }
  });
  return {
    episodeIndex: Int32Array.from(episode),
    intervalIndex: Int32Array.from(interval),
    labels: Float64Array.from(labels),
    weights: Float64Array.from(weights),
  };
}
