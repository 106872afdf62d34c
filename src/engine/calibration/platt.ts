/**
 * Platt scaling: p = sigmoid(slope * score + intercept), fitted by Newton's method on held-out
 * scores (margins) and outcomes. With Platt's smoothed targets, so a perfectly separated
 * calibration set still gives finite parameters.
 */
export interface PlattScaling {
  slope: number;
  intercept: number;
}

export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): PlattScaling {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const targetPositive = (positives + 1) / (positives + 2);
  const targetNegative = 1 / (n - positives + 2);
  const target = (i: number) => (labels[i] === 1 ? targetPositive : targetNegative);

  const loss = (a: number, b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const margin = a * scores[i]! + b;
      // log(1 + e^m) - t m, written to stay finite for large |m|.
      sum += Math.max(margin, 0) + Math.log1p(Math.exp(-Math.abs(margin))) - target(i) * margin;
    }
    return sum;
  };

  // Platt's start: a flat curve at the smoothed base rate.
  let slope = 0;
  let intercept = Math.log((positives + 1) / (n - positives + 1));
  let current = loss(slope, intercept);
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the log loss in (slope, intercept).
    let gA = 0;
    let gB = 0;
    let hAA = 1e-12;
    let hAB = 0;
    let hBB = 1e-12;
    for (let i = 0; i < n; i++) {
      const s = scores[i]!;
      const p = sigmoid(slope * s + intercept);
      const residual = p - target(i);
      const w = p * (1 - p);
      gA += residual * s;
      gB += residual;
      hAA += w * s * s;
      hAB += w * s;
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (Math.abs(det) < 1e-300) break;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;

    // Newton on the logistic loss can overshoot from a flat start: halve until the loss falls.
    let scale = 1;
    let next = loss(slope - stepA, intercept - stepB);
    while (next > current && scale > 1e-10) {
      scale /= 2;
      next = loss(slope - scale * stepA, intercept - scale * stepB);
    }
    slope -= scale * stepA;
    intercept -= scale * stepB;
    const improvement = current - next;
    current = next;
    if (Math.abs(scale * stepA) + Math.abs(scale * stepB) < 1e-10 || improvement < 1e-12) break;
  }
  return { slope, intercept };
}

export function applyPlatt(scaling: PlattScaling, score: number): number {
  return sigmoid(scaling.slope * score + scaling.intercept);
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
