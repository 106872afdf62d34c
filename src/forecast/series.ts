/** A calendar period of a seasonal series: a year and the season within it (1-based quarter). */
export interface SeasonalPeriod {
  readonly year: number;
  /** 1..seasonLength, e.g. the quarter. */
  readonly season: number;
}

/**
 * A regularly spaced series without gaps, with the number of periods in one seasonal cycle
 * (4 for quarters). Forecasting methods only see `values` and `seasonLength`; the rest is for
 * reports.
 */
export interface SeasonalSeries {
  readonly key: string;
  readonly label: string;
  readonly seasonLength: number;
  readonly start: SeasonalPeriod;
  readonly values: readonly number[];
}

/** The period `offset` steps after `start` (offset 0 is `start` itself). */
export function periodAt(
  start: SeasonalPeriod,
  seasonLength: number,
  offset: number,
): SeasonalPeriod {
  const index = start.season - 1 + offset;
  return {
    year: start.year + Math.floor(index / seasonLength),
    season: (((index % seasonLength) + seasonLength) % seasonLength) + 1,
  };
}

/** Steps from `start` to `period`; negative when `period` lies before `start`. */
export function periodOffset(
  start: SeasonalPeriod,
  seasonLength: number,
  period: SeasonalPeriod,
): number {
  return (period.year - start.year) * seasonLength + (period.season - start.season);
}

/** `2008Q1` for quarters, `2008S3` for other season lengths. */
export function formatPeriod(period: SeasonalPeriod, seasonLength: number): string {
  return `${period.year}${seasonLength === 4 ? 'Q' : 'S'}${period.season}`;
}

/** The part of a series from `from` on; throws nothing, returns an empty series if `from` is past the end. */
export function seriesFrom(series: SeasonalSeries, from: SeasonalPeriod): SeasonalSeries {
  const offset = Math.max(0, periodOffset(series.start, series.seasonLength, from));
  return {
    ...series,
    start: periodAt(series.start, series.seasonLength, offset),
    values: series.values.slice(offset),
  };
}
