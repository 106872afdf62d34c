export interface ReliabilityBin {
  lowerProbability: number;
  upperProbability: number;
  count: number;
  meanPredicted: number;
  /** Share of positives among the bin's rows; NaN for an empty bin. */
  observedRate: number;
}

/**
 * Reliability (calibration) table: predictions grouped into bins, each bin's mean prediction next
 * to its observed rate. 'uniform' bins split [0, 1] into equal widths; 'quantile' bins hold about
 * equal numbers of rows, which keeps every bin's rate estimable when predictions crowd together.
 */
export function reliabilityTable(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: { binCount?: number; strategy?: 'uniform' | 'quantile' } = {},
): ReliabilityBin[] {
  const n = probabilities.length;
  if (labels.length !== n) throw new RangeError('probabilities and labels differ in length');
  const binCount = options.binCount ?? 10;
  const strategy = options.strategy ?? 'uniform';

  const edges: number[] = [0];
  if (strategy === 'uniform') {
    for (let b = 1; b < binCount; b++) edges.push(b / binCount);
  } else {
    const sorted = Float64Array.from(probabilities).sort();
    for (let b = 1; b < binCount; b++) edges.push(sorted[Math.floor((b * n) / binCount)] ?? 1);
  }
  edges.push(1);

  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    bins.push({
      lowerProbability: edges[b]!,
      upperProbability: edges[b + 1]!,
      count: 0,
      meanPredicted: 0,
      observedRate: 0,
    });
  }
  for (let i = 0; i < n; i++) {
    const p = probabilities[i]!;
    // Bins are [lower, upper), the last one closed; equal quantile edges leave a bin empty.
    let b = 0;
    while (b < binCount - 1 && p >= edges[b + 1]!) b++;
    const bin = bins[b]!;
    bin.count++;
    bin.meanPredicted += p;
    bin.observedRate += labels[i]!;
  }
  for (const bin of bins) {
    bin.meanPredicted = bin.count === 0 ? Number.NaN : bin.meanPredicted / bin.count;
    bin.observedRate = bin.count === 0 ? Number.NaN : bin.observedRate / bin.count;
  }
  return bins;
}
