import type { Random } from '../core/random.ts';

/**
 * A gamma draw with the given shape and scale 1/shape, so its mean is 1: the frailty multiplier.
 * Marsaglia and Tsang (2000); shapes below 1 use the boost u^(1/shape).
 */
export function drawMeanOneGamma(shape: number, random: Random): number {
  if (shape < 1) {
    const boosted = drawMeanOneGamma(shape + 1, random) * ((shape + 1) / shape);
    return boosted * Math.pow(Math.max(random.next(), Number.MIN_VALUE), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = random.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / shape;
  }
}
