/**
 * Relative sick-report intensity by time of year (1 = a year's average), estimated from weekly
 * counts pooled over all groups: the flu peak, the summer dip and the Christmas dip are shared
 * by every team, and with about three years of weekly data a team alone has far too few reports
 * to estimate them (52 seasonal indices from a few dozen reports).
 */
export interface SeasonalProfile {
  /** Factor for the 7-day week whose last day is `weekEndDay` (days since 1970-01-01). */
  factorAt(weekEndDay: number): number;
  /**
   * Estimation variance of log(factorAt(weekEndDay)) from the Poisson noise of the reports
   * behind it: the forecast's intervals carry it, as the profile is estimated, not known.
   */
  logVarianceAt(weekEndDay: number): number;
  /** Reports on a Christmas-holiday day relative to an ordinary day of the same season. */
  readonly holidayFactor: number;
}

export interface SeasonalProfileOptions {
  /**
   * Half-width of the triangular kernel over the time of year, in days: wide enough to average
   * a few weeks of each year; the sharp Christmas dip is modelled apart (holidayFactor).
   */
  readonly bandwidthDays: number;
  /** Half-width of the moving average that removes the level (workforce growth or shrinkage). */
  readonly trendHalfWidthWeeks: number;
}

export const defaultSeasonalProfileOptions: SeasonalProfileOptions = {
  bandwidthDays: 10,
  trendHalfWidthWeeks: 26,
};

const daysPerYear = 365.2425;
const daysPerWeek = 7;
// Detrending, the smooth seasonal pattern and the holiday factor depend on each other; a few
// rounds settle all three.
const rounds = 4;

/**
 * Ratio-to-moving-average estimate with a kernel over the time of year: like classical
 * decomposition (FPP3 §3.4) but for weeks that do not fall on the same dates each year, and
 * usable with less than two full cycles. The Christmas holidays (22 December to 1 January) get
 * their own factor, applied to the share of a week's days that fall in them: a kernel wide
 * enough to be stable smears a dip that short over the weeks around it. With under a year of
 * data the profile is flat.
 */
export function seasonalProfile(
  totals: ArrayLike<number>,
  weekEndDays: ArrayLike<number>,
  options: SeasonalProfileOptions = defaultSeasonalProfileOptions,
): SeasonalProfile {
  const n = totals.length;
  if (n < 52) return { factorAt: () => 1, logVarianceAt: () => 0, holidayFactor: 1 };
  const middle = (daysPerWeek - 1) / 2;
  const positions = Float64Array.from({ length: n }, (_, t) =>
    yearPosition(weekEndDays[t]! - middle),
  );
  const holidayShares = Float64Array.from({ length: n }, (_, t) => holidayShareOf(weekEndDays[t]!));

  let holidayFactor = 1;
  let smooth: (position: number) => number = () => 1;
  let yearMean = 1;
  const seasonal = (t: number) =>
    (smooth(positions[t]!) / yearMean) * (1 - holidayShares[t]! * (1 - holidayFactor));
  for (let round = 0; round < rounds; round++) {
    const trend = movingAverage(
      Float64Array.from({ length: n }, (_, t) => totals[t]! / seasonal(t)),
      options.trendHalfWidthWeeks,
    );

    // The smooth pattern from the weeks' ratios to the trend, holiday days taken out.
    const ratios = Float64Array.from({ length: n }, (_, t) => {
      const holiday = 1 - holidayShares[t]! * (1 - holidayFactor);
      return trend[t]! > 0 ? totals[t]! / trend[t]! / holiday : 1;
    });
    smooth = (position) => kernelMean(ratios, positions, position, options.bandwidthDays);
    yearMean = 0;
    for (let w = 0; w < 52; w++) yearMean += smooth((w + 0.5) * (daysPerYear / 52)) / 52;

    // The holiday factor by least squares on the weeks with holiday days:
    // ratio = 1 - share * (1 - factor).
    let numerator = 0;
    let denominator = 0;
    for (let t = 0; t < n; t++) {
      const share = holidayShares[t]!;
      if (share === 0 || !(trend[t]! > 0)) continue;
      const ratio = totals[t]! / trend[t]! / (smooth(positions[t]!) / yearMean);
      numerator += share * (1 - ratio);
      denominator += share * share;
    }
    if (denominator > 0) holidayFactor = Math.min(1.5, Math.max(0.2, 1 - numerator / denominator));
  }

  const finalSmooth = smooth;
  const finalMean = yearMean;
  const finalTrend = movingAverage(
    Float64Array.from({ length: n }, (_, t) => totals[t]! / seasonal(t)),
    options.trendHalfWidthWeeks,
  );
  return {
    holidayFactor,
    logVarianceAt: (weekEndDay) =>
      kernelRatioVariance(
        totals,
        finalTrend,
        positions,
        yearPosition(weekEndDay - middle),
        options.bandwidthDays,
      ),
    factorAt: (weekEndDay) =>
      (finalSmooth(yearPosition(weekEndDay - middle)) / finalMean) *
      (1 - holidayShareOf(weekEndDay) * (1 - holidayFactor)),
  };
}

/** Share of the 7 days ending on `weekEndDay` that fall in the Christmas holidays. */
function holidayShareOf(weekEndDay: number): number {
  let days = 0;
  for (let d = weekEndDay - daysPerWeek + 1; d <= weekEndDay; d++) {
    const date = new Date(d * 86_400_000);
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if ((month === 12 && day >= 22) || (month === 1 && day === 1)) days++;
  }
  return days / daysPerWeek;
}

/** Days since 1 January of the year containing `dayNumber`, in [0, 366). */
function yearPosition(dayNumber: number): number {
  const date = new Date(dayNumber * 86_400_000);
  return (dayNumber * 86_400_000 - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000;
}

function movingAverage(values: Float64Array, halfWidth: number): Float64Array {
  const n = values.length;
  const prefix = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t]! + values[t]!;
  return Float64Array.from({ length: n }, (_, t) => {
    const from = Math.max(0, t - halfWidth);
    const to = Math.min(n, t + halfWidth + 1);
    return (prefix[to]! - prefix[from]!) / (to - from);
  });
}

/**
 * Variance of the kernel mean of ratios y_t / trend_t when y_t is Poisson: each ratio has
 * relative variance 1 / y_t, so the mean has sum(w² / y) / (sum w)² (log scale, first order).
 */
function kernelRatioVariance(
  totals: ArrayLike<number>,
  trend: Float64Array,
  positions: Float64Array,
  position: number,
  bandwidthDays: number,
): number {
  let weightSum = 0;
  let varianceSum = 0;
  for (let t = 0; t < positions.length; t++) {
    let distance = Math.abs(positions[t]! - position);
    if (distance > daysPerYear / 2) distance = daysPerYear - distance;
    const weight = Math.max(0, 1 - distance / bandwidthDays);
    if (weight === 0) continue;
    weightSum += weight;
    varianceSum += (weight * weight) / Math.max(totals[t]!, trend[t]!, 1);
  }
  return weightSum > 0 ? varianceSum / (weightSum * weightSum) : 0;
}

function kernelMean(
  ratios: Float64Array,
  positions: Float64Array,
  position: number,
  bandwidthDays: number,
): number {
  let weightSum = 0;
  let sum = 0;
  for (let t = 0; t < ratios.length; t++) {
    let distance = Math.abs(positions[t]! - position);
    if (distance > daysPerYear / 2) distance = daysPerYear - distance;
    const weight = Math.max(0, 1 - distance / bandwidthDays);
    weightSum += weight;
    sum += weight * ratios[t]!;
  }
  return weightSum > 0 ? sum / weightSum : 1;
}
