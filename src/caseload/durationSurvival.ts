/** One episode as seen on the forecast day, for estimating how long absences last. */
export interface ObservedEpisode {
  /** Days from the sick report to recovery, or to the forecast day when still open. */
  readonly durationDays: number;
  readonly isEnded: boolean;
  /**
   * Days the episode had already lasted when the data begin: an episode reported before the
   * first observed day is only in the data because it was still open then (left truncation).
   */
  readonly entryDays: number;
  readonly segment: number;
}

/** S(d) = P(episode lasts more than d days), per whole day d = 0..lastDay; flat after lastDay. */
export interface DailySurvival {
  readonly survivalByDay: Float64Array;
}

export interface DurationSurvivalOptions {
  readonly segmentCount: number;
  /**
   * Fewest episodes at risk on a day for a segment to use its own hazard on that day; below it
   * the pooled hazard fills in, so the long tail of a small segment does not rest on a handful
   * of cases.
   */
  readonly minAtRisk: number;
}

export interface DurationCurves {
  readonly pooled: DailySurvival;
  readonly bySegment: DailySurvival[];
  /** Episodes at risk on each day 0..lastDay, all segments together. */
  readonly pooledAtRisk: Float64Array;
}

/**
 * Kaplan-Meier on a daily grid with delayed entry, per segment, shrunk to the pooled hazard
 * where a segment has few cases at risk. Delayed entry matters here: the oldest open cases at
 * the start of the data are the long ones, and counting them from their sick report would make
 * every absence look longer than it is (length-biased sampling).
 */
export function durationSurvival(
  episodes: readonly ObservedEpisode[],
  options: DurationSurvivalOptions,
): DurationCurves {
  let lastDay = 1;
  for (const e of episodes) lastDay = Math.max(lastDay, Math.ceil(e.durationDays) + 1);

  const tables = Array.from({ length: options.segmentCount + 1 }, () => ({
    events: new Float64Array(lastDay + 2),
    riskDelta: new Float64Array(lastDay + 3),
  }));
  const pooledIndex = options.segmentCount;

  // An episode is at risk on day d (it may end that day) for entry < d <= its observed days.
  for (const e of episodes) {
    const duration = Math.round(e.durationDays);
    const from = Math.floor(e.entryDays) + 1;
    if (duration < from) continue;
    for (const index of [e.segment, pooledIndex]) {
      const table = tables[index]!;
      table.riskDelta[from] = table.riskDelta[from]! + 1;
      table.riskDelta[duration + 1] = table.riskDelta[duration + 1]! - 1;
      if (e.isEnded) table.events[duration] = table.events[duration]! + 1;
    }
  }

  const atRiskOf = (index: number): Float64Array => {
    const atRisk = new Float64Array(lastDay + 1);
    let running = 0;
    for (let d = 0; d <= lastDay; d++) {
      running += tables[index]!.riskDelta[d]!;
      atRisk[d] = running;
    }
    return atRisk;
  };

  const pooledAtRisk = atRiskOf(pooledIndex);
  const pooledHazard = new Float64Array(lastDay + 1);
  for (let d = 1; d <= lastDay; d++) {
    const risk = pooledAtRisk[d]!;
    pooledHazard[d] = risk > 0 ? tables[pooledIndex]!.events[d]! / risk : 0;
  }

  const curveOf = (hazardOf: (d: number) => number): DailySurvival => {
    const survivalByDay = new Float64Array(lastDay + 1);
    let s = 1;
    survivalByDay[0] = 1;
    for (let d = 1; d <= lastDay; d++) {
      s *= 1 - hazardOf(d);
      survivalByDay[d] = s;
    }
    return { survivalByDay };
  };

  const bySegment = Array.from({ length: options.segmentCount }, (_, index) => {
    const atRisk = atRiskOf(index);
    const events = tables[index]!.events;
    return curveOf((d) =>
      atRisk[d]! >= options.minAtRisk ? events[d]! / atRisk[d]! : pooledHazard[d]!,
    );
  });
  return { pooled: curveOf((d) => pooledHazard[d]!), bySegment, pooledAtRisk };
}

/** S(day) from a daily curve; 1 before day 0, the last value after the last day. */
export function dailySurvivalAt(curve: DailySurvival, day: number): number {
  const s = curve.survivalByDay;
  if (day <= 0) return 1;
  return s[Math.min(Math.floor(day), s.length - 1)]!;
}

/**
 * Draws a whole duration in days given that the episode has lasted `elapsedDays`, by inverting
 * S(d) / S(elapsed) at `uniform`: the first day d > elapsed with S(d) <= uniform * S(elapsed).
 * Infinity when the curve never falls that low (the episode outlasts every observed duration).
 */
export function drawDurationDays(
  curve: DailySurvival,
  elapsedDays: number,
  uniform: number,
): number {
  const s = curve.survivalByDay;
  const last = s.length - 1;
  const from = Math.min(Math.max(Math.floor(elapsedDays), 0), last);
  const target = uniform * s[from]!;
  if (s[last]! > target) return Number.POSITIVE_INFINITY;
  let low = from + 1;
  let high = last;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (s[middle]! <= target) high = middle;
    else low = middle + 1;
  }
  return low;
}
