/**
 * S(t) for one episode from its weekly curve (S at weeks 1..maxWeeks), at any t in weeks. Within
 * a week the hazard is taken as constant, so S falls geometrically between whole weeks. Beyond
 * the last modelled week the curve is not extrapolated: t is capped at maxWeeks.
 */
export function survivalAtWeeks(curve: ArrayLike<number>, tWeeks: number): number {
  const maxWeeks = curve.length;
  const t = Math.min(maxWeeks, Math.max(0, tWeeks));
  const whole = Math.floor(t);
  const before = whole === 0 ? 1 : curve[whole - 1]!;
  if (whole === t) return before;
  const after = curve[whole]!;
  return before === 0 ? 0 : before * (after / before) ** (t - whole);
}

/**
 * P(absence lasts more than tWeeks | it has already lasted alreadyWeeks) = S(t) / S(d), for
 * t >= d; 1 for t <= d. NaN when S(d) = 0 (the model says the absence cannot have lasted so long).
 */
export function conditionalSurvival(
  curve: ArrayLike<number>,
  tWeeks: number,
  alreadyWeeks: number,
): number {
  if (tWeeks <= alreadyWeeks) return 1;
  const reached = survivalAtWeeks(curve, alreadyWeeks);
  return reached > 0 ? survivalAtWeeks(curve, tWeeks) / reached : Number.NaN;
}

/** One episode's curve out of a row-major episodes x weeks block. */
export function curveOf(curves: Float64Array, episode: number, maxWeeks: number): Float64Array {
  return curves.subarray(episode * maxWeeks, (episode + 1) * maxWeeks);
}
