import { AppError } from '../../core/errors.ts';
import {
  formatPeriod,
  periodAt,
  periodOffset,
  type SeasonalPeriod,
  type SeasonalSeries,
} from '../../forecast/series.ts';
import type { CbsQuarterRow } from './parseCbsAbsence.ts';

/** One CBS breakdown as a quarterly series that may still have gaps. */
export interface CbsQuarterlySeries {
  readonly key: string;
  readonly label: string;
  /** CBS category group: Totaal, Bedrijfssector, Bedrijfstak, Bedrijfsklasse, Bedrijfsgrootte. */
  readonly level: string;
  readonly start: SeasonalPeriod;
  /** Absence percentage per quarter from `start`; null where CBS has no figure or no row. */
  readonly absencePct: readonly (number | null)[];
  /** Number of trailing quarters that are provisional (voorlopig). */
  readonly provisionalQuarters: number;
}

/** Groups quarter rows into one series per sector key, in order of first appearance. */
export function toQuarterlySeries(rows: readonly CbsQuarterRow[]): CbsQuarterlySeries[] {
  const groups = new Map<string, CbsQuarterRow[]>();
  for (const row of rows) {
    const group = groups.get(row.sectorKey);
    if (group === undefined) groups.set(row.sectorKey, [row]);
    else group.push(row);
  }

  return [...groups.values()].map((group) => {
    const periods = group.map((r) => ({ year: r.year, season: r.quarter }));
    const first = periods.reduce((a, b) => (periodOffset(a, 4, b) < 0 ? b : a));
    const last = periods.reduce((a, b) => (periodOffset(a, 4, b) > 0 ? b : a));
    const absencePct = new Array<number | null>(periodOffset(first, 4, last) + 1).fill(null);
    let provisionalQuarters = 0;
    group.forEach((row, i) => {
      absencePct[periodOffset(first, 4, periods[i]!)] = row.absencePct;
      if (row.isProvisional) provisionalQuarters++;
    });
    const head = group[0]!;
    return {
      key: head.sectorKey,
      label: head.sectorLabel,
      level: head.sectorLevel,
      start: first,
      absencePct,
      provisionalQuarters,
    };
  });
}

/** The quarters without a figure, as `2004Q1`-style labels. */
export function missingQuarters(series: CbsQuarterlySeries): string[] {
  const missing: string[] = [];
  series.absencePct.forEach((value, i) => {
    if (value === null) missing.push(formatPeriod(periodAt(series.start, 4, i), 4));
  });
  return missing;
}

/**
 * The series from `from` on as gap-free seasonal series for forecasting. A gap after `from`
 * refuses the whole set, naming each series and its first missing quarter, because a forecasting
 * method would silently read a gap as a value.
 */
export function completeSeriesFrom(
  all: readonly CbsQuarterlySeries[],
  from: SeasonalPeriod,
  file: string,
): SeasonalSeries[] {
  const issues: { file: string; field: string; message: string; hint: string }[] = [];
  const result: SeasonalSeries[] = [];
  for (const series of all) {
    const offset = periodOffset(series.start, 4, from);
    if (offset < 0) {
      issues.push({
        file,
        field: series.key,
        message: `starts in ${formatPeriod(series.start, 4)}, after the requested start.`,
        hint: `Use --start ${formatPeriod(series.start, 4)} or later.`,
      });
      continue;
    }
    const values = series.absencePct.slice(offset);
    const gap = values.findIndex((v) => v === null);
    if (gap !== -1) {
      const gapPeriod = formatPeriod(periodAt(from, 4, gap), 4);
      issues.push({
        file,
        field: series.key,
        message: `has no figure for ${gapPeriod}.`,
        hint: 'Start after the last gap; 2008Q1 is gap-free for every breakdown in 80072ned.',
      });
      continue;
    }
    result.push({
      key: series.key,
      label: series.label,
      seasonLength: 4,
      start: from,
      values: values as number[],
    });
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', 'Some series have gaps after the start quarter.', issues);
  }
  return result;
}
