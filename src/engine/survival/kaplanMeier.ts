export interface KaplanMeierCurve {
  /** Distinct times with at least one event, ascending. */
  times: Float64Array;
  atRisk: Float64Array;
  events: Float64Array;
  survival: Float64Array;
  /** Pointwise 95% interval from Greenwood's variance on the log(-log S) scale. */
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * Kaplan-Meier estimate of S(t) = P(duration > t). Durations with event 0 are censored: still at
 * risk at their own time (censoring is taken to fall just after events at the same time).
 */
export function kaplanMeier(
  durations: ArrayLike<number>,
  events: ArrayLike<number>,
  options: { confidence?: number; weights?: ArrayLike<number> } = {},
): KaplanMeierCurve {
  const n = durations.length;
  if (events.length !== n) throw new RangeError('durations and events differ in length');
  const z = normalQuantile(1 - (1 - (options.confidence ?? 0.95)) / 2);
  const weights = options.weights;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => durations[a]! - durations[b]!,
  );

  let atRisk = 0;
  for (let i = 0; i < n; i++) atRisk += weights === undefined ? 1 : weights[i]!;
  const times: number[] = [];
  const riskSets: number[] = [];
  const eventCounts: number[] = [];
  const survival: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  let s = 1;
  let greenwood = 0;
  for (let k = 0; k < n;) {
    const t = durations[order[k]!]!;
    let deaths = 0;
    let leaving = 0;
    while (k < n && durations[order[k]!] === t) {
      const i = order[k]!;
      const w = weights === undefined ? 1 : weights[i]!;
      if (events[i] === 1) deaths += w;
      leaving += w;
      k++;
    }
    if (deaths > 0) {
      s *= 1 - deaths / atRisk;
      greenwood +=
        atRisk > deaths ? deaths / (atRisk * (atRisk - deaths)) : Number.POSITIVE_INFINITY;
      times.push(t);
      riskSets.push(atRisk);
      eventCounts.push(deaths);
      survival.push(s);
      if (s > 0 && s < 1 && Number.isFinite(greenwood)) {
        const se = Math.sqrt(greenwood) / Math.abs(Math.log(s));
        lower.push(s ** Math.exp(z * se));
        upper.push(s ** Math.exp(-z * se));
      } else {
        lower.push(s);
        upper.push(s);
      }
    }
    atRisk -= leaving;
  }
  return {
    times: Float64Array.from(times),
    atRisk: Float64Array.from(riskSets),
    events: Float64Array.from(eventCounts),
    survival: Float64Array.from(survival),
    lower: Float64Array.from(lower),
    upper: Float64Array.from(upper),
  };
}

/** S(t) from a curve: the step function, right-continuous (an event at t counts at t). */
export function survivalAt(curve: KaplanMeierCurve, t: number): number {
  let lo = 0;
  let hi = curve.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : curve.survival[lo - 1]!;
}

/** S(t-) from a curve: the value just before t, used for inverse-probability-of-censoring weights. */
export function survivalBefore(curve: KaplanMeierCurve, t: number): number {
  let lo = 0;
  let hi = curve.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : curve.survival[lo - 1]!;
}

/** Quantile of the standard normal (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
