import type { FeatureMatrix } from '../../engine/trees/featureMatrix.ts';
import { predictMargins, type TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { intervalMatrix } from '../treeEncoding.ts';

/**
 * The hazard margins of every case in every interval: `intervalCount` values per case, case by
 * case, the same numbers as the engine's `predictMargins` on the rows of `intervalMatrix` (each
 * tree's leaf added in tree order to the base margin).
 *
 * The rows of one case differ only in the interval column, so each tree is walked once per case
 * with the set of intervals still together, which splits only where the tree splits on the
 * interval: about one walk per tree instead of one per interval. The walk follows the rules of
 * `TreeEnsemble` (`value <= threshold` goes left, a missing value to the default side). An
 * ensemble with categorical splits goes to the engine's own prediction instead.
 */
export function intervalMargins(
  ensemble: TreeEnsemble,
  covariates: FeatureMatrix,
  intervalCount: number,
): Float64Array {
  const n = covariates.rowCount;
  if (hasCategoricalSplit(ensemble) || intervalCount > 30) {
    const episodeIndex = new Int32Array(n * intervalCount);
    const intervalIndex = new Int32Array(n * intervalCount);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < intervalCount; j++) {
        episodeIndex[i * intervalCount + j] = i;
        intervalIndex[i * intervalCount + j] = j;
      }
    }
    return predictMargins(ensemble, intervalMatrix(covariates, episodeIndex, intervalIndex));
  }

  const intervalFeature = covariates.featureCount;
  const { values } = covariates;
  const { treeRoots, feature, threshold, left, right, defaultLeft, value } = ensemble;
  const out = new Float64Array(n * intervalCount).fill(ensemble.baseMargin);
  const allIntervals = (1 << intervalCount) - 1;
  // Nodes still to visit with the intervals that reach them; a walk holds at most one pending
  // node per level.
  const stackNodes = new Int32Array(64);
  const stackMasks = new Int32Array(64);

  for (let i = 0; i < n; i++) {
    const outStart = i * intervalCount;
    for (let t = 0; t < treeRoots.length; t++) {
      let size = 0;
      stackNodes[size] = treeRoots[t]!;
      stackMasks[size++] = allIntervals;
      while (size > 0) {
        let node = stackNodes[--size]!;
        let mask = stackMasks[size]!;
        let next = left[node]!;
        while (next >= 0) {
          const f = feature[node]!;
          const cut = threshold[node]!;
          if (f === intervalFeature) {
            // Intervals j <= cut go left, the others right.
            const leftMask = cut < 0 ? 0 : cut >= intervalCount - 1 ? allIntervals : (2 << cut) - 1;
            const toLeft = mask & leftMask;
            const toRight = mask & ~leftMask;
            if (toLeft !== 0 && toRight !== 0) {
              stackNodes[size] = right[node]!;
              stackMasks[size++] = toRight;
            }
            if (toLeft !== 0) {
              node = next;
              mask = toLeft;
            } else {
              node = right[node]!;
            }
          } else {
            const x = values[f * n + i]!;
            if (x <= cut) node = next;
            else if (x !== x) node = defaultLeft[node] === 1 ? next : right[node]!;
            else node = right[node]!;
          }
          next = left[node]!;
        }
        const leafValue = value[node]!;
        for (let j = 0; j < intervalCount; j++) {
          if ((mask & (1 << j)) !== 0) out[outStart + j]! += leafValue;
        }
      }
    }
  }
  return out;
}

function hasCategoricalSplit(ensemble: TreeEnsemble): boolean {
  for (let node = 0; node < ensemble.categorySlot.length; node++) {
    if (ensemble.categorySlot[node]! >= 0 && ensemble.left[node]! >= 0) return true;
  }
  return false;
}
