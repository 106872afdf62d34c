export interface CalibrationFit {
  /** 1 when well calibrated; below 1 means predictions are too extreme (overfitting). */
  slope: number;
  /** Intercept of the joint fit logit(P(y)) = intercept + slope * logit(p). */
  intercept: number;
  /** Calibration-in-the-large: the intercept with the slope fixed at 1; 0 when well calibrated. */
  interceptInTheLarge: number;
}

/**
 * Logistic recalibration (Cox 1958): outcomes regressed on logit(p) by maximum likelihood
 * (Newton's method). Probabilities are clipped to [1e-12, 1 - 1e-12] before the logit.
 */
export function calibrationSlope(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): CalibrationFit {
  const n = probabilities.length;
  if (labels.length !== n) throw new RangeError('probabilities and labels differ in length');
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    x[i] = Math.log(p / (1 - p));
  }

  // Newton from (0, 0) with step halving: logits of clipped probabilities reach +-27, where
  // undamped steps from slope 1 overshoot.
  let intercept = 0;
  let slope = 0;
  let current = logLikelihood(x, labels, intercept, slope);
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 0;
    let hAB = 0;
    let hBB = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(intercept + slope * x[i]!);
      const r = labels[i]! - p;
      const w = p * (1 - p);
      gA += r;
      gB += r * x[i]!;
      hAA += w;
      hAB += w * x[i]!;
      hBB += w * x[i]! * x[i]!;
    }
    const det = hAA * hBB - hAB * hAB;
    if (!(Math.abs(det) > 1e-300)) break;
    let stepA = (hBB * gA - hAB * gB) / det;
    let stepB = (hAA * gB - hAB * gA) / det;
    let next = logLikelihood(x, labels, intercept + stepA, slope + stepB);
    for (let halving = 0; halving < 30 && !(next >= current); halving++) {
      stepA /= 2;
      stepB /= 2;
      next = logLikelihood(x, labels, intercept + stepA, slope + stepB);
    }
    intercept += stepA;
    slope += stepB;
    const improvement = next - current;
    current = next;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-12 || improvement < 1e-13) break;
  }

  let offsetIntercept = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let g = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(offsetIntercept + x[i]!);
      g += labels[i]! - p;
      h += p * (1 - p);
    }
    if (!(h > 0)) break;
    offsetIntercept += g / h;
    if (Math.abs(g / h) < 1e-12) break;
  }
  return { slope, intercept, interceptInTheLarge: offsetIntercept };
}

function logLikelihood(
  x: Float64Array,
  labels: ArrayLike<number>,
  intercept: number,
  slope: number,
): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const m = intercept + slope * x[i]!;
    sum += labels[i]! * m - (Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m))));
  }
  return sum;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
