import { kaplanMeier, survivalBefore } from '../survival/kaplanMeier.ts';

/**
 * Cumulative/dynamic AUC at a horizon (Uno et al. 2007): cases ended in an event by the horizon,
 * controls lasted beyond it. Cases are weighted by 1 / G(T-), the Kaplan-Meier probability of
 * still being uncensored just before their time, so censoring before the horizon does not bias
 * the estimate (it assumes censoring independent of the risk score). Controls all share the
 * weight 1 / G(horizon), which cancels. Rows censored before the horizon count in neither group.
 */
export function timeDependentAuc(
  riskScores: ArrayLike<number>,
  durations: ArrayLike<number>,
  events: ArrayLike<number>,
  horizon: number,
): number {
  const n = riskScores.length;
  if (durations.length !== n || events.length !== n) throw new RangeError('lengths differ');
  const censoring = kaplanMeier(
    durations,
    Float64Array.from({ length: n }, (_, i) => 1 - events[i]!),
  );

  const controls: number[] = [];
  for (let i = 0; i < n; i++) if (durations[i]! > horizon) controls.push(riskScores[i]!);
  controls.sort((a, b) => a - b);
  if (controls.length === 0) return Number.NaN;

  let weighted = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    if (!(durations[i]! <= horizon && events[i] === 1)) continue;
    const g = survivalBefore(censoring, durations[i]!);
    if (!(g > 0)) continue;
    const r = riskScores[i]!;
    const below = lowerBound(controls, r);
    const tied = lowerBound(controls, nextUp(r)) - below;
    weighted += (below + tied / 2) / controls.length / g;
    totalWeight += 1 / g;
  }
  return totalWeight === 0 ? Number.NaN : weighted / totalWeight;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The smallest double above x: counts ties by one more binary search.
function nextUp(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return x;
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = x > 0 ? bits[0]! + 1n : bits[0]! - 1n;
  return buffer[0]!;
}
