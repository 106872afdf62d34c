import { createRandom } from '../src/core/random.ts';

export const featureCount = 30;

/**
 * The benchmark table: standard normal features, a few with missing values, and a 0/1 outcome
 * from a nonlinear logistic truth (curves, an interaction, a step, missingness that matters).
 * Returned column-major (ours) and row-major (numpy's default order for XGBoost).
 */
export function generateTable(
  rowCount: number,
  seed: number,
): { columnMajor: Float32Array; rowMajor: Float32Array; labels: Float32Array } {
  const random = createRandom(seed);
  const columnMajor = new Float32Array(rowCount * featureCount);
  const rowMajor = new Float32Array(rowCount * featureCount);
  const labels = new Float32Array(rowCount);
  const row = new Float64Array(featureCount);
  for (let i = 0; i < rowCount; i++) {
    for (let f = 0; f < featureCount; f++) row[f] = Math.fround(random.normal());
    if (random.next() < 0.08) row[2] = Number.NaN;
    if (random.next() < 0.05) row[9] = Number.NaN;
    if (random.next() < 0.1) row[15] = Number.NaN;
    const x2 = Number.isNaN(row[2]!) ? 0.7 : row[2]!;
    const margin =
      Math.sin(1.5 * row[0]!) +
      0.5 * row[1]! ** 2 -
      1 +
      x2 * row[3]! +
      (row[4]! > 0.5 ? 0.8 : 0) +
      0.3 * row[5]! -
      0.3 * row[6]! * Math.abs(row[7]!) +
      (Number.isNaN(row[9]!) ? 0.5 : 0.2 * row[9]!) +
      0.1 * row[10]!;
    labels[i] = random.next() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
    for (let f = 0; f < featureCount; f++) {
      columnMajor[f * rowCount + i] = row[f]!;
      rowMajor[i * featureCount + f] = row[f]!;
    }
  }
  return { columnMajor, rowMajor, labels };
}
