import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { sigmoid } from '../calibration/platt.ts';

export interface LogisticFit {
  intercept: number;
  coefficients: Float64Array;
  iterations: number;
}

export interface LogisticOptions {
  /** L2 penalty on the coefficients (not the intercept), on the summed log-likelihood. */
  lambda: number;
  weights?: ArrayLike<number>;
  maxIterations?: number;
  /** A starting point, for example the fit at a neighbouring lambda. */
  start?: LogisticFit;
}

/**
 * L2-regularised logistic regression by Newton-Raphson (iteratively reweighted least squares).
 * Rows are the encoded inputs, labels 0/1. Newton converges in a handful of steps on the small,
 * well-conditioned problems the penalty gives, and the Cholesky solve is exact.
 */
export function fitLogistic(
  rows: readonly Float64Array[],
  labels: ArrayLike<number>,
  options: LogisticOptions,
): LogisticFit {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const dim = p + 1;
  const beta = new Float64Array(dim);
  if (options.start !== undefined) {
    beta[0] = options.start.intercept;
    beta.set(options.start.coefficients, 1);
  }

  const maxIterations = options.maxIterations ?? 50;
  const hessian = new Float64Array(dim * dim);
  const gradient = new Float64Array(dim);
  let iterations = 0;

  // Rows of one-hot columns are mostly zeros: keep each row's non-zero positions once, so the
  // Hessian update costs the square of the non-zeros rather than of the width.
  const nonZero = rows.map((x) => {
    const positions: number[] = [];
    for (let j = 0; j < p; j++) if (x[j] !== 0) positions.push(j);
    return Int32Array.from(positions);
  });

  for (; iterations < maxIterations; iterations++) {
    hessian.fill(0);
    gradient.fill(0);

    // Gradient and Hessian of the penalised negative log-likelihood; the design has a leading 1.
    for (let i = 0; i < n; i++) {
      const x = rows[i]!;
      const positions = nonZero[i]!;
      const m = positions.length;
      let margin = beta[0]!;
      for (let a = 0; a < m; a++) {
        const j = positions[a]!;
        margin += beta[j + 1]! * x[j]!;
      }
      const prob = sigmoid(margin);
      const w = options.weights === undefined ? 1 : options.weights[i]!;
      const residual = w * (prob - labels[i]!);
      const curvature = w * Math.max(prob * (1 - prob), 1e-10);

      gradient[0]! += residual;
      hessian[0]! += curvature;
      for (let a = 0; a < m; a++) {
        const j = positions[a]!;
        const xj = x[j]!;
        gradient[j + 1]! += residual * xj;
        hessian[j + 1]! += curvature * xj;
        const rowOffset = (j + 1) * dim + 1;
        const cx = curvature * xj;
        for (let b = 0; b <= a; b++) {
          const k = positions[b]!;
          hessian[rowOffset + k]! += cx * x[k]!;
        }
      }
    }
    for (let j = 1; j < dim; j++) {
      gradient[j]! += options.lambda * beta[j]!;
      hessian[j * dim + j]! += options.lambda;
    }

    // Newton step: solve H d = g. H is symmetric positive definite; the loop above filled the
    // intercept's cross terms into row 0 and the rest into the lower half.
    const h = new Matrix(dim, dim);
    for (let r = 0; r < dim; r++) {
      h.set(r, 0, hessian[r]!);
      h.set(0, r, hessian[r]!);
      for (let c = 1; c <= r; c++) {
        const value = hessian[r * dim + c]!;
        h.set(r, c, value);
        h.set(c, r, value);
      }
    }
    const step = new CholeskyDecomposition(h).solve(Matrix.columnVector(Array.from(gradient)));
    let change = 0;
    for (let j = 0; j < dim; j++) {
      const delta = step.get(j, 0);
      beta[j]! -= delta;
      change = Math.max(change, Math.abs(delta));
    }
    if (change < 1e-8) {
      iterations++;
      break;
    }
  }

  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations };
}

export function logisticMargin(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  row: Float64Array,
): number {
  let margin = fit.intercept;
  for (let j = 0; j < row.length; j++) margin += fit.coefficients[j]! * row[j]!;
  return margin;
}
