/** Median and the central 80 % (p10-p90) and 95 % (p2_5-p97_5) intervals of simulated counts. */
export interface QuantileSummary {
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly p2_5: number;
  readonly p97_5: number;
}

/**
 * Quantiles of the counts `values[from .. from + count)`, by linear interpolation between order
 * statistics (Hyndman & Fan type 7, as `empiricalQuantile` in src/forecast). Counts span a
 * small range, so a histogram replaces the sort: a forecast by team summarises about a hundred
 * thousand such samples, and sorting them took most of its time.
 */
export function quantileSummary(
  values: Int32Array,
  from = 0,
  count = values.length,
): QuantileSummary {
  if (count === 0) return { median: 0, p10: 0, p90: 0, p2_5: 0, p97_5: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < from + count; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const histogram = new Int32Array(max - min + 1);
  for (let i = from; i < from + count; i++) histogram[values[i]! - min]!++;
  const cumulative = new Int32Array(histogram.length);
  let running = 0;
  histogram.forEach((n, k) => {
    running += n;
    cumulative[k] = running;
  });

  // The value of order statistic `rank` (0-based): the first bin whose running count exceeds it.
  const orderStatistic = (rank: number): number => {
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! > rank) high = middle;
      else low = middle + 1;
    }
    return min + low;
  };
  const at = (probability: number): number => {
    const position = (count - 1) * probability;
    const below = Math.floor(position);
    const lower = orderStatistic(below);
    const upper = orderStatistic(Math.min(below + 1, count - 1));
    return lower + (position - below) * (upper - lower);
  };
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), p2_5: at(0.025), p97_5: at(0.975) };
}
