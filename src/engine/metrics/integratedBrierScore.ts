import { kaplanMeier, survivalAt, survivalBefore } from '../survival/kaplanMeier.ts';

export interface BrierCurve {
  times: Float64Array;
  /** IPCW Brier score at each time. */
  scores: Float64Array;
  /** Trapezoid integral of the scores over [first time, last time], divided by its length. */
  integrated: number;
}

/**
 * Brier score for predicted survival curves with inverse-probability-of-censoring weights (Graf
 * et al. 1999): at time t, a row with an event by t contributes S(t)^2 / G(T-), a row still
 * under observation after t contributes (1 - S(t))^2 / G(t), a row censored by t contributes 0.
 * `survival` is row-major, rows x times: survival[i * times.length + k] = S_i(times[k]).
 */
export function integratedBrierScore(
  survival: ArrayLike<number>,
  times: ArrayLike<number>,
  durations: ArrayLike<number>,
  events: ArrayLike<number>,
): BrierCurve {
  const n = durations.length;
  const timeCount = times.length;
  if (survival.length !== n * timeCount) throw new RangeError('survival must be rows x times');
  const censoring = kaplanMeier(
    durations,
    Float64Array.from({ length: n }, (_, i) => 1 - events[i]!),
  );
  const scores = new Float64Array(timeCount);
  for (let k = 0; k < timeCount; k++) {
    const t = times[k]!;
    const gAtT = survivalAt(censoring, t);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const s = survival[i * timeCount + k]!;
      if (durations[i]! <= t && events[i] === 1) {
        const g = survivalBefore(censoring, durations[i]!);
        if (g > 0) sum += (s * s) / g;
      } else if (durations[i]! > t && gAtT > 0) {
        sum += ((1 - s) * (1 - s)) / gAtT;
      }
    }
    scores[k] = sum / n;
  }
  let integrated = scores[0] ?? Number.NaN;
  if (timeCount > 1) {
    let area = 0;
    for (let k = 1; k < timeCount; k++) {
      area += ((scores[k - 1]! + scores[k]!) / 2) * (times[k]! - times[k - 1]!);
    }
    integrated = area / (times[timeCount - 1]! - times[0]!);
  }
  return { times: Float64Array.from(times), scores, integrated };
}
