/**
 * A table of numeric features, column-major so that one feature's values are contiguous: the value
 * of feature f in row i sits at `values[f * rowCount + i]`. NaN marks a missing value. Categorical
 * features hold integer category codes 0, 1, 2, ... as numbers.
 */
export interface FeatureMatrix {
  rowCount: number;
  featureCount: number;
  values: Float32Array | Float64Array;
}

export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureSpec {
  name: string;
  kind: FeatureKind;
}

/** Builds a column-major matrix from rows of numbers (null or NaN for missing). */
export function featureMatrixFromRows(
  rows: readonly (readonly (number | null)[])[],
): FeatureMatrix {
  const rowCount = rows.length;
  const featureCount = rows[0]?.length ?? 0;
  const values = new Float64Array(rowCount * featureCount);
  for (let i = 0; i < rowCount; i++) {
    const row = rows[i]!;
    if (row.length !== featureCount) throw new RangeError(`row ${i + 1} has ${row.length} values`);
    for (let f = 0; f < featureCount; f++) values[f * rowCount + i] = row[f] ?? Number.NaN;
  }
  return { rowCount, featureCount, values };
}

/** Builds a column-major matrix from one array per feature, all of the same length. */
export function featureMatrixFromColumns(columns: readonly ArrayLike<number>[]): FeatureMatrix {
  const featureCount = columns.length;
  const rowCount = columns[0]?.length ?? 0;
  const values = new Float64Array(rowCount * featureCount);
  columns.forEach((column, f) => {
    if (column.length !== rowCount) throw new RangeError(`column ${f + 1} differs in length`);
    for (let i = 0; i < rowCount; i++) values[f * rowCount + i] = column[i]!;
  });
  return { rowCount, featureCount, values };
}

/** The rows at `indices`, in that order, as a new matrix. */
export function selectRows(matrix: FeatureMatrix, indices: ArrayLike<number>): FeatureMatrix {
  const { rowCount, featureCount } = matrix;
  const count = indices.length;
  const values =
    matrix.values instanceof Float32Array
      ? new Float32Array(count * featureCount)
      : new Float64Array(count * featureCount);
  for (let f = 0; f < featureCount; f++) {
    const from = f * rowCount;
    const to = f * count;
    for (let k = 0; k < count; k++) values[to + k] = matrix.values[from + indices[k]!]!;
  }
  return { rowCount: count, featureCount, values };
}

/** Rows [from, to) as their own column-major matrix, in shared memory when a worker reads it. */
export function sliceRows(
  matrix: FeatureMatrix,
  from: number,
  to: number,
  isShared: boolean,
): FeatureMatrix {
  const count = to - from;
  const bytes = count * matrix.featureCount * matrix.values.BYTES_PER_ELEMENT;
  const buffer = isShared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const values =
    matrix.values instanceof Float32Array ? new Float32Array(buffer) : new Float64Array(buffer);
  for (let f = 0; f < matrix.featureCount; f++) {
    const start = f * matrix.rowCount;
    values.set(matrix.values.subarray(start + from, start + to), f * count);
  }
  return { rowCount: count, featureCount: matrix.featureCount, values };
}

/** Rows [from, to) as a matrix of their own: the matrix itself when that is all of it. */
export function rowsOf(matrix: FeatureMatrix, from: number, to: number): FeatureMatrix {
  return from === 0 && to === matrix.rowCount ? matrix : sliceRows(matrix, from, to, false);
}
