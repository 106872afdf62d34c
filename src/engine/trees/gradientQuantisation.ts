/**
 * Gradients and hessians as whole multiples of powers of two (as LightGBM's quantised training,
 * Shi et al. 2022, at finer steps), both held in one Float64 per row: gradient * 2^26 + hessian.
 * A histogram bin then takes one addition per row instead of two, and every sum is exact: no
 * summation order, shard or thread count can change a histogram, and a sibling's histogram
 * (parent minus child) is exact too.
 *
 * Exactness needs every partial sum below 2^53. A histogram adds only a chunk of rows in this form
 * before it is unpacked into exact (gradient, hessian) pairs; a chunk's steps stay below 2^26 in
 * each part, so the hessian part never reaches the gradient part.
 */
export const packShift = 67_108_864;

const stepsPerChunk = 2 ** 26;
const unitGradientSteps = 1024;
const unitHessianSteps = 2048;

export interface GradientSteps {
  /** Steps per unit of gradient: a power of two, so scaling back is exact. */
  gradientSteps: number;
  /** Steps per unit of hessian, a power of two. */
  hessianSteps: number;
  /** Rows a histogram adds in packed form before unpacking them. */
  chunkRows: number;
}

/**
 * Log-loss gradients are smaller than the row's weight, hessians at most a quarter of it. With
 * weights up to 1 the steps are 2^-10 of a gradient and 2^-11 of a hessian of a weight-1 row, or
 * finer in proportion when all weights are smaller. Larger weights keep those steps (so a row of
 * whole weight k is exactly k copies of the row) and shorten the chunk instead.
 */
export function gradientStepsFor(maxWeight: number): GradientSteps {
  const weight = maxWeight > 0 && Number.isFinite(maxWeight) ? maxWeight : 1;
  const maxChunkRows = stepsPerChunk / unitGradientSteps;
  const heavier = weight > 1 ? powerAtLeast(weight) : 1;
  // Below 1, finer steps; above 2^16, where a chunk is one row, coarser ones.
  const scale = weight < 1 ? powerAtMost(1 / weight) : Math.min(1, maxChunkRows / heavier);
  return {
    gradientSteps: unitGradientSteps * scale,
    hessianSteps: unitHessianSteps * scale,
    // Per row at most 1024 gradient and 512 hessian steps per unit of weight (in steps' scale).
    chunkRows: Math.max(1, maxChunkRows / heavier),
  };
}

function powerAtMost(limit: number): number {
  const power = 2 ** Math.floor(Math.log2(limit));
  // Math.log2 may round up just below a power of two.
  return power > limit ? power / 2 : power;
}

function powerAtLeast(limit: number): number {
  const power = 2 ** Math.ceil(Math.log2(limit));
  return power < limit ? power * 2 : power;
}
