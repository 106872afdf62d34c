import type { Random } from '../core/random.ts';

/**
 * A Poisson draw: multiplication of uniforms for small means, the transformed rejection method
 * PTRS (Hörmann 1993) otherwise, so a week of 400 reports costs a few uniforms, not 400.
 */
export function drawPoisson(mean: number, random: Random): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let product = random.next();
    let count = 0;
    while (product > limit) {
      product *= random.next();
      count++;
    }
    return count;
  }
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.next() - 0.5;
    const v = random.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const logV = Math.log((v * inverseAlpha) / (a / (us * us) + b));
    if (logV <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

/** A gamma draw with mean 1 and the given shape (Marsaglia & Tsang 2000). */
export function drawUnitGamma(shape: number, random: Random): number {
  if (!Number.isFinite(shape)) return 1;
  if (shape < 1) {
    // Boost: Gamma(k) = Gamma(k + 1) * U^(1/k).
    return (drawUnitGamma(shape + 1, random) * (shape + 1) * random.next() ** (1 / shape)) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = random.normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / shape;
  }
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  // Stirling's series; exact enough (error below 1e-8) for k >= 2 in the rejection test.
  const n = k + 1;
  return (
    (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n ** 3)
  );
}
