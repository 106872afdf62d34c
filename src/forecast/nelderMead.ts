export interface NelderMeadOptions {
  /** Initial simplex edge along each coordinate. */
  readonly stepSize?: number;
  readonly maxEvaluations?: number;
  /** Stop when the best and worst vertex differ by less than this in objective value. */
  readonly tolerance?: number;
}

export interface Minimum {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
}

/**
 * Minimises `objective` without derivatives (Nelder & Mead 1965, adaptive coefficients of
 * Gao & Han 2012). ETS likelihoods are cheap but not smooth enough for gradients near the
 * parameter bounds, which is why R's forecast package uses the same method.
 */
export function nelderMead(
  objective: (x: ArrayLike<number>) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): Minimum {
  const dim = start.length;
  const stepSize = options.stepSize ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 200 * dim;
  const tolerance = options.tolerance ?? 1e-8;
  const reflectBy = 1;
  const expandBy = 1 + 2 / dim;
  const contractBy = 0.75 - 1 / (2 * dim);
  const shrinkBy = 1 - 1 / dim;

  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const value = objective(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };

  // Vertices live in typed arrays and trial points in reused buffers: for the small ETS problems
  // the bookkeeping, not the objective, would otherwise dominate the run time.
  const vertices: Float64Array<ArrayBuffer>[] = [];
  const values = new Float64Array(dim + 1);
  for (let v = 0; v <= dim; v++) {
    const x = Float64Array.from(start);
    if (v > 0) x[v - 1] = x[v - 1]! + stepSize;
    vertices.push(x);
    values[v] = evaluate(x);
  }
  const centroid = new Float64Array(dim);
  let reflected = new Float64Array(dim);
  let trial = new Float64Array(dim);
  const along = (out: Float64Array, from: Float64Array, to: Float64Array, by: number): void => {
    for (let i = 0; i < dim; i++) out[i] = from[i]! + by * (to[i]! - from[i]!);
  };
  const replaceWorst = (
    worst: number,
    x: Float64Array<ArrayBuffer>,
    value: number,
  ): Float64Array<ArrayBuffer> => {
    const old = vertices[worst]!;
    vertices[worst] = x;
    values[worst] = value;
    return old; // recycled as the next buffer
  };

  while (evaluations < maxEvaluations) {
    // Find the best, worst and second-worst vertices.
    let best = 0;
    let worst = 0;
    for (let v = 1; v <= dim; v++) {
      if (values[v]! < values[best]!) best = v;
      if (values[v]! > values[worst]!) worst = v;
    }
    let secondWorst = best;
    for (let v = 0; v <= dim; v++) {
      if (v !== worst && values[v]! > values[secondWorst]!) secondWorst = v;
    }
    const bestValue = values[best]!;
    const worstValue = values[worst]!;
    if (Math.abs(worstValue - bestValue) <= tolerance * (Math.abs(bestValue) + tolerance)) break;

    // Centroid of all vertices but the worst.
    centroid.fill(0);
    for (let v = 0; v <= dim; v++) {
      if (v === worst) continue;
      const x = vertices[v]!;
      for (let i = 0; i < dim; i++) centroid[i] = centroid[i]! + x[i]! / dim;
    }

    along(reflected, centroid, vertices[worst]!, -reflectBy);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < bestValue) {
      along(trial, centroid, vertices[worst]!, -expandBy);
      const expandedValue = evaluate(trial);
      if (expandedValue < reflectedValue) trial = replaceWorst(worst, trial, expandedValue);
      else reflected = replaceWorst(worst, reflected, reflectedValue);
      continue;
    }
    if (reflectedValue < values[secondWorst]!) {
      reflected = replaceWorst(worst, reflected, reflectedValue);
      continue;
    }

    const isOutside = reflectedValue < worstValue;
    along(trial, centroid, isOutside ? reflected : vertices[worst]!, contractBy);
    const contractedValue = evaluate(trial);
    if (contractedValue < Math.min(reflectedValue, worstValue)) {
      trial = replaceWorst(worst, trial, contractedValue);
      continue;
    }

    for (let v = 0; v <= dim; v++) {
      if (v === best) continue;
      const x = vertices[v]!;
      along(x, vertices[best]!, x, shrinkBy);
      values[v] = evaluate(x);
    }
  }

  let best = 0;
  for (let v = 1; v <= dim; v++) if (values[v]! < values[best]!) best = v;
  return { x: Array.from(vertices[best]!), value: values[best]!, evaluations };
}
