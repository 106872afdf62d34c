import { windowedEntryDays, type EpisodeHistory } from './caseSnapshot.ts';
import {
  dailySurvivalAt,
  durationSurvival,
  type DailySurvival,
  type DurationCurves,
  type ObservedEpisode,
} from './durationSurvival.ts';
import { newCaseCurves, seasonalCohortsKnown } from './newCaseCurves.ts';

export interface OpenCaseErrorOptions {
  readonly asOfDay: number;
  readonly observedFromDay: number;
  readonly horizonWeeks: number;
  /** How many earlier weekly origins, with all their targets observed by as-of, to learn from. */
  readonly pastOrigins: number;
  readonly durationWindowDays: number;
  readonly segmentCount: number;
  readonly minAtRisk: number;
}

/** The duration model's error on the open count per week ahead, as a log ratio. */
export interface OpenCaseError {
  /** Mean of log(actual / expected) over the past origins: above 0 the curves ran short. */
  readonly logBiasByWeek: Float64Array;
  /** Spread of log(actual / expected) about that mean, beyond the case-by-case chance. */
  readonly logSdByWeek: Float64Array;
  readonly origins: number;
}

const daysPerWeek = 7;

/**
 * Per week ahead, how far the open count strays from what the duration curves expect, learned
 * at earlier origins from the records known on the as-of day. At each origin the curves are
 * fitted again with only what was known then (same duration window), and the expected count of
 * cases open at the end of week h is computed exactly, without simulation (expectedOpenCount).
 * The inflow enters at its actual values: its own error is carried by inflowErrorSpread, and
 * this term is to measure the duration model alone (its lag behind a drift in durations, and
 * the shared ups and downs of recoveries that independent draws per case do not produce).
 *
 * With r = log(actual / expected) per origin, the bias is mean r and the spread
 * sd² = mean r² - mean(V / E²), where V = Σ p (1 - p) is the variance the independent draws per
 * case already give the simulated count (each case is open at week h with probability p).
 * The spread is taken about 0, not about the bias: the origins overlap (weekly, with 13-week
 * targets) and share one season and one phase of any drift, so they cannot show how far
 * today's bias lies from theirs. The correction moves the centre; the intervals stay as wide as
 * the errors the uncorrected curves made, the same estimator inflowErrorSpread uses. Measured on
 * the synthetic workforce: taken about the bias, or with a Newey-West variance of the bias added
 * (the series of 26 origins is too short and smooth for it to be more than a few thousandths),
 * the 95 % intervals held 0.90-0.91 of the open counts instead of 0.95.
 */
export function openCaseErrorSpread(
  history: EpisodeHistory,
  options: OpenCaseErrorOptions,
): OpenCaseError {
  const horizon = options.horizonWeeks;
  const today = seasonalCohortsKnown(options);
  const logRatios: Float64Array[] = [];
  const chanceVariances: Float64Array[] = [];
  for (let back = horizon; back < horizon + options.pastOrigins; back++) {
    const originDay = options.asOfDay - daysPerWeek * back;
    // A window's worth of experience before the origin, or its curves are not today's kind.
    if (originDay - options.durationWindowDays < options.observedFromDay) break;
    const period = curvesAt(history, originDay, options);
    const curves = period.bySegment;
    const seasonal = newCaseCurves(history, period, { ...options, asOfDay: originDay });
    // Learn only where the new cases had the curves they have today, or the error is not theirs.
    // Week by week: an origin whose new cases lack a seasonal curve where today's have one (or
    // the reverse) learned the error of another model.
    if (seasonal.some((c, week) => (c === null) === today[week])) break;
    const newCurves = seasonal.map((c) => c ?? curves);
    const { expected, variance, actual } = expectedOpenCount(
      history,
      curves,
      newCurves,
      originDay,
      horizon,
    );
    const ratios = new Float64Array(horizon);
    const chance = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      ratios[h] = Math.log((actual[h]! + 0.5) / (expected[h]! + 0.5));
      chance[h] = variance[h]! / Math.max(expected[h]! + 0.5, 1) ** 2;
    }
    logRatios.push(ratios);
    chanceVariances.push(chance);
  }
  const origins = logRatios.length;
  const logBiasByWeek = new Float64Array(horizon);
  const logSdByWeek = new Float64Array(horizon);
  if (origins < 2) return { logBiasByWeek, logSdByWeek, origins };
  for (let h = 0; h < horizon; h++) {
    const meanOf = (values: readonly Float64Array[], f: (x: number) => number) =>
      values.reduce((sum, v) => sum + f(v[h]!), 0) / origins;
    logBiasByWeek[h] = meanOf(logRatios, (r) => r);
    const excess = meanOf(logRatios, (r) => r * r) - meanOf(chanceVariances, (v) => v);
    logSdByWeek[h] = Math.sqrt(Math.max(0, excess));
  }
  return { logBiasByWeek, logSdByWeek, origins };
}

/** The Kaplan-Meier curves per segment as they would have been fitted on `originDay`. */
function curvesAt(
  history: EpisodeHistory,
  originDay: number,
  options: OpenCaseErrorOptions,
): DurationCurves {
  const observed: ObservedEpisode[] = [];
  const windowStartDay = originDay - options.durationWindowDays;
  for (let i = 0; i < history.startDays.length; i++) {
    const start = history.startDays[i]!;
    const end = history.endDays[i]!;
    if (start > originDay || end <= windowStartDay) continue;
    const isEnded = end <= originDay;
    observed.push({
      durationDays: (isEnded ? end : originDay) - start,
      isEnded,
      entryDays: windowedEntryDays(start, options.observedFromDay, windowStartDay),
      segment: history.segments[i]!,
    });
  }
  return durationSurvival(observed, {
    segmentCount: Math.max(options.segmentCount, 1),
    minAtRisk: options.minAtRisk,
  });
}

/**
 * Expected cases open at the end of each week after `originDay`, as the simulation draws them
 * with these curves and the inflow that happened: a case open at the origin after e days is
 * still open t days later with probability S(e + t) / S(e), one reported on day s after the
 * origin in week w ahead with probability S_w(t - s), S_w the new-case curves of that week
 * (newCaseCurves). Also the variance of that count over the independent draws
 * per case, and the actual count, which the history knows for every day up to its as-of day.
 */
export function expectedOpenCount(
  history: EpisodeHistory,
  curves: readonly DailySurvival[],
  newCurvesByWeek: readonly (readonly DailySurvival[])[],
  originDay: number,
  horizon: number,
): { expected: Float64Array; variance: Float64Array; actual: Float64Array } {
  const expected = new Float64Array(horizon);
  const variance = new Float64Array(horizon);
  const actual = new Float64Array(horizon);
  const lastDay = originDay + daysPerWeek * horizon;
  for (let i = 0; i < history.startDays.length; i++) {
    const start = history.startDays[i]!;
    const end = history.endDays[i]!;
    if (start > lastDay) break;
    if (end <= originDay) continue;
    // A case open at the origin is conditioned on its elapsed days; a later one starts at 0.
    const isOpen = start <= originDay;
    const week = Math.ceil((start - originDay) / daysPerWeek);
    const curve = (isOpen ? curves : newCurvesByWeek[week - 1]!)[history.segments[i]!]!;
    const elapsed = isOpen ? originDay - start : 0;
    const atElapsed = dailySurvivalAt(curve, elapsed);
    for (let h = 1; h <= horizon; h++) {
      const day = originDay + daysPerWeek * h;
      if (start > day) continue;
      if (day < end) actual[h - 1] = actual[h - 1]! + 1;
      const p = atElapsed > 0 ? dailySurvivalAt(curve, day - start) / atElapsed : 0;
      expected[h - 1] = expected[h - 1]! + p;
      variance[h - 1] = variance[h - 1]! + p * (1 - p);
    }
  }
  return { expected, variance, actual };
}
