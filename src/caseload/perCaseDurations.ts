import type { CaseSnapshot } from './caseSnapshot.ts';
import type { OpenCaseDurations } from './forecastCaseload.ts';

/** A case's own survival curve: P(lasts more than `day` days | lasted `elapsedDays`). */
export interface ConditionalCurve {
  conditional(day: number, elapsedDays: number): number;
}

// The AbsencePredictor's curves end at 104 weeks (728 days), when salary continuation ends.
const lastCurveDay = 728;

/**
 * Durations of the open cases from per-case survival curves (the AbsencePredictor's survival
 * model), by inverting each case's conditional curve at the uniform draw. A case without a curve
 * (not scored) falls back to `fallback`, the Kaplan-Meier draw of its segment.
 */
export function perCaseDurations(
  curvesByEpisodeId: ReadonlyMap<string, ConditionalCurve>,
  description: string,
): OpenCaseDurations {
  return {
    description,
    samplers(snapshot: CaseSnapshot) {
      const curves = snapshot.openCases.map((open) => curvesByEpisodeId.get(open.episodeId));
      return (openIndex, uniform, fallback) => {
        const curve = curves[openIndex];
        const elapsed = snapshot.openCases[openIndex]!.elapsedDays;
        if (curve === undefined) return fallback(uniform);
        return drawFromCurve(curve, elapsed, uniform);
      };
    },
  };
}

/** The first day d > elapsed with P(> d | elapsed) <= uniform; Infinity past the curve's end. */
export function drawFromCurve(
  curve: ConditionalCurve,
  elapsedDays: number,
  uniform: number,
): number {
  const from = Math.floor(elapsedDays);
  if (from >= lastCurveDay || curve.conditional(lastCurveDay, from) > uniform) {
    return Number.POSITIVE_INFINITY;
  }
  let low = from + 1;
  let high = lastCurveDay;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (curve.conditional(middle, from) <= uniform) high = middle;
    else low = middle + 1;
  }
  return low;
}
