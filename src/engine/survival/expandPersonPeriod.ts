import type { FeatureMatrix } from '../trees/featureMatrix.ts';

export interface PersonPeriodTable {
  /** Episode covariates with the week number (1, 2, ...) appended as the last feature. */
  matrix: FeatureMatrix;
  /** 1 in the week the episode ended, else 0. */
  labels: Float64Array;
  /** Which episode each row came from. */
  episodeIndex: Int32Array;
}

/**
 * One row per episode and week at risk, week k being the interval (k - 1, k] in weeks. An ended
 * episode contributes weeks 1..ceil(duration), the last labelled 1. A censored episode
 * contributes only the weeks it was observed to the end (1..floor(duration)), labelled 0, so a
 * partly observed week is not counted as survived. Weeks after maxWeeks are not modelled.
 */
export function expandPersonPeriod(
  covariates: FeatureMatrix,
  durationsWeeks: ArrayLike<number>,
  events: ArrayLike<number>,
  maxWeeks: number,
): PersonPeriodTable {
  const episodes = covariates.rowCount;
  if (durationsWeeks.length !== episodes || events.length !== episodes) {
    throw new RangeError('covariates, durations and events differ in length');
  }
  const weeksOf = (i: number): number => {
    const d = durationsWeeks[i]!;
    const weeks = events[i] === 1 ? Math.max(1, Math.ceil(d)) : Math.floor(d);
    return Math.min(maxWeeks, Math.max(0, weeks));
  };
  let rowCount = 0;
  for (let i = 0; i < episodes; i++) rowCount += weeksOf(i);

  const featureCount = covariates.featureCount + 1;
  const values = new Float64Array(rowCount * featureCount);
  const labels = new Float64Array(rowCount);
  const episodeIndex = new Int32Array(rowCount);
  let row = 0;
  for (let i = 0; i < episodes; i++) {
    const weeks = weeksOf(i);
    const endsInWeek = events[i] === 1 ? Math.max(1, Math.ceil(durationsWeeks[i]!)) : -1;
    for (let k = 1; k <= weeks; k++, row++) {
      episodeIndex[row] = i;
      labels[row] = k === endsInWeek ? 1 : 0;
      values[covariates.featureCount * rowCount + row] = k;
    }
  }
  for (let f = 0; f < covariates.featureCount; f++) {
    const from = f * episodes;
    const to = f * rowCount;
    for (let r = 0; r < rowCount; r++) values[to + r] = covariates.values[from + episodeIndex[r]!]!;
  }
  return { matrix: { rowCount, featureCount, values }, labels, episodeIndex };
}
