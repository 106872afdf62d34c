import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import { auc } from '../engine/metrics/auc.ts';
import { concentrationShare } from './concentrationShare.ts';
import { dayNumberFromIso, dayNumberOf, workDaysBetween } from './dayNumber.ts';
import { incapacitySegmentsOf, weightedDaysWithin } from './incapacitySegments.ts';
import type { EpisodeTruth } from './synthTypes.ts';
import { synthTargets, type SynthStatistic, type SynthStatisticName } from './synthTargets.ts';

export interface StatisticsPeriod {
  startYear: number;
  years: number;
}

/** Accumulates the calibration statistics one employee at a time, so a file can be streamed in. */
export interface SynthStatisticsAccumulator {
  add(employee: Employee, episodes: readonly Episode[], truths: readonly EpisodeTruth[]): void;
  /** The sums so far as plain data, to send from a worker thread to the one that merges. */
  sums(): SynthStatisticsSums;
  /** Adds another accumulator's sums of the same period, as if its employees had been added. */
  merge(sums: SynthStatisticsSums): void;
  result(): SynthStatistic[];
}

const ratioNames = [
  'fullYearsWithoutReport',
  'reportAfterReport',
  'reportAfterNone',
  'shortShare',
  'over6WeeksShare',
  'over210WorkDaysShare',
  'longDaysShare',
  'observedToExpected6',
  'observedToExpected13',
] as const;

type RatioName = (typeof ratioNames)[number];

/** Everything an accumulator has summed: numerators and denominators, counts, and AUC inputs. */
export interface SynthStatisticsSums {
  /** Absent and employed days per group key (`all`, `sex.female`, `age.2.male`, ...). */
  absence: Record<string, { numerator: number; denominator: number }>;
  ratios: Record<RatioName, { numerator: number; denominator: number }>;
  monthReports: number[];
  monthExposureEmployeeMonths: number[];
  weekdayReports: number[];
  christmasReports: number;
  earlyDecemberReports: number;
  reportsInPeriod: number;
  exposureYears: number;
  employeesByReportCount: number[];
  oracleScores: number[];
  oracleOutcomes: number[];
  answerScores: number[];
  answerOutcomes: number[];
}

const ageBandStarts = [15, 25, 35, 45, 55] as const;
const ageBandEnds = [25, 35, 45, 55, 67] as const;
const daysPerYear = 365.25;

class Ratio {
  numerator = 0;
  denominator = 0;
  add(numerator: number, denominator: number): void {
    this.numerator += numerator;
    this.denominator += denominator;
  }
  get value(): number {
    return this.numerator / this.denominator;
  }
}

/**
 * The statistics that DOMAIN.md calibrates against, read from canonical records only (plus the
 * generator's truth), so they can be computed on generated files as well as while generating.
 * Episodes must come with their employee; the truths with their episodes.
 */
export function createSynthStatistics(period: StatisticsPeriod): SynthStatisticsAccumulator {
  const periodStartDay = dayNumberOf(period.startYear, 1, 1);
  const periodEndDay = dayNumberOf(period.startYear + period.years, 1, 1);
  const yearStartDays = Array.from({ length: period.years + 1 }, (_, i) =>
    dayNumberOf(period.startYear + i, 1, 1),
  );

  const absence = new Map<string, Ratio>();
  const absenceOf = (key: string): Ratio => {
    let ratio = absence.get(key);
    if (ratio === undefined) absence.set(key, (ratio = new Ratio()));
    return ratio;
  };
  const monthReports = new Float64Array(12);
  const monthExposureEmployeeMonths = new Float64Array(12);
  const weekdayReports = new Float64Array(7);
  let christmasReports = 0;
  let earlyDecemberReports = 0;
  let reportsInPeriod = 0;
  let exposureYears = 0;
  const ratios = Object.fromEntries(ratioNames.map((name) => [name, new Ratio()])) as Record<
    RatioName,
    Ratio
  >;
  const {
    fullYearsWithoutReport,
    reportAfterReport,
    reportAfterNone,
    shortShare,
    over6WeeksShare,
    over210WorkDaysShare,
    longDaysShare,
    observedToExpected6,
    observedToExpected13,
  } = ratios;
  const employeesByReportCount: number[] = [];
  const oracleScores: number[] = [];
  const oracleOutcomes: number[] = [];
  const answerScores: number[] = [];
  const answerOutcomes: number[] = [];

  function add(employee: Employee, episodes: readonly Episode[], truths: readonly EpisodeTruth[]) {
    const truthById = new Map(truths.map((truth) => [truth.episodeId, truth]));
    const employedFromDay = Math.max(
      employee.employmentStartDate === undefined
        ? periodStartDay
        : dayNumberFromIso(employee.employmentStartDate),
      periodStartDay,
    );
    const employedToDay = Math.min(
      employee.employmentEndDate == null
        ? periodEndDay
        : dayNumberFromIso(employee.employmentEndDate) + 1,
      periodEndDay,
    );
    if (employedToDay <= employedFromDay) return;
    const birthYear = employee.birthYear ?? period.startYear - 40;
    const sexKey = employee.sex ?? 'unknown';
    const segmentsOf = episodes.map((episode) => incapacitySegmentsOf(episode, periodEndDay));
    const reportDays = episodes
      .map((episode) => dayNumberFromIso(episode.startDate ?? `${episode.startMonth}-01`))
      .filter((day) => day >= periodStartDay && day < periodEndDay);

    // Absence percentage: incapacity-weighted absent days over employed days, per year and group.
    const hasReportInYear: boolean[] = [];
    const isEmployedAllYear: boolean[] = [];
    for (let y = 0; y < period.years; y++) {
      const fromDay = Math.max(yearStartDays[y]!, employedFromDay);
      const toDay = Math.min(yearStartDays[y + 1]!, employedToDay);
      isEmployedAllYear.push(fromDay === yearStartDays[y] && toDay === yearStartDays[y + 1]);
      hasReportInYear.push(
        reportDays.some((d) => d >= yearStartDays[y]! && d < yearStartDays[y + 1]!),
      );
      if (toDay <= fromDay) continue;
      let absentDays = 0;
      for (const segments of segmentsOf) absentDays += weightedDaysWithin(segments, fromDay, toDay);
      const exposureDays = toDay - fromDay;
      const ageYears = period.startYear + y - birthYear;
      const band = ageBandStarts.findIndex(
        (start, i) => ageYears >= start && ageYears < ageBandEnds[i]!,
      );
      absenceOf('all').add(absentDays, exposureDays);
      absenceOf(`sex.${sexKey}`).add(absentDays, exposureDays);
      absenceOf(`sector.${employee.sector ?? 'unknown'}`).add(absentDays, exposureDays);
      if (band >= 0) {
        absenceOf(`age.${band}`).add(absentDays, exposureDays);
        absenceOf(`age.${band}.${sexKey}`).add(absentDays, exposureDays);
      }
      if (isEmployedAllYear[y] === true) fullYearsWithoutReport.add(hasReportInYear[y] ? 0 : 1, 1);
    }
    for (let y = 0; y + 1 < period.years; y++) {
      if (isEmployedAllYear[y] !== true || isEmployedAllYear[y + 1] !== true) continue;
      (hasReportInYear[y] ? reportAfterReport : reportAfterNone).add(
        hasReportInYear[y + 1] ? 1 : 0,
        1,
      );
    }

    // Exposure per calendar month, for the monthly report rates.
    for (let day = employedFromDay; day < employedToDay;) {
      const date = new Date(day * 86_400_000);
      const monthIndex = date.getUTCMonth();
      const nextMonthDay = Date.UTC(date.getUTCFullYear(), monthIndex + 1, 1) / 86_400_000;
      const monthDays = nextMonthDay - Date.UTC(date.getUTCFullYear(), monthIndex, 1) / 86_400_000;
      const toDay = Math.min(nextMonthDay, employedToDay);
      monthExposureEmployeeMonths[monthIndex]! += (toDay - day) / monthDays;
      day = toDay;
    }
    exposureYears += (employedToDay - employedFromDay) / daysPerYear;

    // Reports, their calendar, and the durations of those that started within the period.
    let reportCount = 0;
    episodes.forEach((episode, index) => {
      const startDay = dayNumberFromIso(episode.startDate ?? `${episode.startMonth}-01`);
      const endDay = episode.endDate == null ? undefined : dayNumberFromIso(episode.endDate);
      const elapsedDays = (endDay ?? periodEndDay) - startDay;
      const isLong = elapsedDays > 42;
      longDaysShare.add(
        isLong ? weightedDaysWithin(segmentsOf[index]!, periodStartDay, periodEndDay) : 0,
        weightedDaysWithin(segmentsOf[index]!, periodStartDay, periodEndDay),
      );
      if (startDay < periodStartDay || startDay >= periodEndDay) return;

      reportCount++;
      const date = new Date(startDay * 86_400_000);
      monthReports[date.getUTCMonth()]! += 1;
      weekdayReports[(date.getUTCDay() + 6) % 7]! += 1;
      if (date.getUTCMonth() === 11) {
        if (date.getUTCDate() >= 22) christmasReports++;
        else earlyDecemberReports++;
      }

      // An outcome counts only once the period has shown it: closed, or open past the horizon.
      const lastDay = periodEndDay - 1;
      if (startDay <= lastDay - 8) {
        shortShare.add(endDay !== undefined && workDaysBetween(startDay, endDay) <= 5 ? 1 : 0, 1);
      }
      if (workDaysBetween(startDay, periodEndDay) >= 210) {
        const workDays = workDaysBetween(startDay, endDay ?? periodEndDay);
        over210WorkDaysShare.add(workDays >= 210 ? 1 : 0, 1);
      }
      if (startDay <= lastDay - 42) {
        const outcome = isLong ? 1 : 0;
        over6WeeksShare.add(outcome, 1);
        const truth = truthById.get(episode.episodeId);
        if (truth !== undefined) {
          oracleScores.push(truth.pOver6Weeks);
          oracleOutcomes.push(outcome);
          observedToExpected6.add(outcome, truth.pOver6Weeks);
        }
        if (episode.expectedDurationDays !== undefined) {
          answerScores.push(episode.expectedDurationDays);
          answerOutcomes.push(outcome);
        }
      }
      const truth = truthById.get(episode.episodeId);
      if (startDay <= lastDay - 91 && truth !== undefined) {
        observedToExpected13.add(elapsedDays > 91 ? 1 : 0, truth.pOver13Weeks);
      }
    });
    reportsInPeriod += reportCount;
    employeesByReportCount[reportCount] = (employeesByReportCount[reportCount] ?? 0) + 1;
  }

  function sums(): SynthStatisticsSums {
    const plain = (ratio: Ratio) => ({
      numerator: ratio.numerator,
      denominator: ratio.denominator,
    });
    return {
      absence: Object.fromEntries([...absence].map(([key, ratio]) => [key, plain(ratio)])),
      ratios: Object.fromEntries(ratioNames.map((name) => [name, plain(ratios[name])])) as Record<
        RatioName,
        { numerator: number; denominator: number }
      >,
      monthReports: Array.from(monthReports),
      monthExposureEmployeeMonths: Array.from(monthExposureEmployeeMonths),
      weekdayReports: Array.from(weekdayReports),
      christmasReports,
      earlyDecemberReports,
      reportsInPeriod,
      exposureYears,
      employeesByReportCount: Array.from(employeesByReportCount, (count) => count ?? 0),
      oracleScores: oracleScores.slice(),
      oracleOutcomes: oracleOutcomes.slice(),
      answerScores: answerScores.slice(),
      answerOutcomes: answerOutcomes.slice(),
    };
  }

  function merge(other: SynthStatisticsSums): void {
    for (const [key, { numerator, denominator }] of Object.entries(other.absence)) {
      absenceOf(key).add(numerator, denominator);
    }
    for (const name of ratioNames) {
      ratios[name].add(other.ratios[name].numerator, other.ratios[name].denominator);
    }
    other.monthReports.forEach((count, i) => (monthReports[i]! += count));
    other.monthExposureEmployeeMonths.forEach(
      (months, i) => (monthExposureEmployeeMonths[i]! += months),
    );
    other.weekdayReports.forEach((count, i) => (weekdayReports[i]! += count));
    christmasReports += other.christmasReports;
    earlyDecemberReports += other.earlyDecemberReports;
    reportsInPeriod += other.reportsInPeriod;
    exposureYears += other.exposureYears;
    other.employeesByReportCount.forEach((count, reports) => {
      employeesByReportCount[reports] = (employeesByReportCount[reports] ?? 0) + count;
    });
    for (const score of other.oracleScores) oracleScores.push(score);
    for (const outcome of other.oracleOutcomes) oracleOutcomes.push(outcome);
    for (const score of other.answerScores) answerScores.push(score);
    for (const outcome of other.answerOutcomes) answerOutcomes.push(outcome);
  }

  function result(): SynthStatistic[] {
    const pct = (key: string): number => 100 * absenceOf(key).value;
    const femaleAboveMale = ageBandStarts.filter(
      (_, band) => pct(`age.${band}.female`) > pct(`age.${band}.male`),
    ).length;
    const perThousand = (month: number): number =>
      (1000 * monthReports[month]!) / monthExposureEmployeeMonths[month]!;
    const mondayShare = weekdayReports[0]! / reportsInPeriod;
    const values: Record<SynthStatisticName, number> = {
      absencePct: pct('all'),
      'absencePct.age15to24': pct('age.0'),
      'absencePct.age55to66': pct('age.4'),
      'absencePct.femaleToMaleRatio': pct('sex.female') / pct('sex.male'),
      ageBandsWithWomenAboveMen: femaleAboveMale,
      'absencePct.sector.finance': pct('sector.finance'),
      'absencePct.sector.care': pct('sector.care'),
      reportsPerEmployeeYear: reportsInPeriod / exposureYears,
      shareOfEmployeeYearsWithoutReport: fullYearsWithoutReport.value,
      shareOfEpisodes1to5WorkDays: shortShare.value,
      shareOfEpisodesOver6Weeks: over6WeeksShare.value,
      shareOfAbsenceDaysInEpisodesOver6Weeks: longDaysShare.value,
      shareOfEpisodes210WorkDaysOrMore: over210WorkDaysShare.value,
      'reportsPer1000PerMonth.january': perThousand(0),
      'reportsPer1000PerMonth.september': perThousand(8),
      'summerDipRatio.julyAugustToMayJune':
        (perThousand(6) + perThousand(7)) / (perThousand(4) + perThousand(5)),
      'christmasDipRatio.dec22to31ToDec1to21': christmasReports / 10 / (earlyDecemberReports / 21),
      mondayShareOfReports: mondayShare,
      isMondayPeakWeekday: weekdayReports.every((count) => count <= weekdayReports[0]!) ? 1 : 0,
      'recurrenceRatio.reportAfterReportYear': reportAfterReport.value / reportAfterNone.value,
      shareOfEmployeesCausingHalfOfReports: concentrationShare(
        Array.from(employeesByReportCount, (count) => count ?? 0),
        0.5,
      ),
      'expectedDurationAuc.over6Weeks': auc(answerScores, answerOutcomes),
      'oracleAuc.over6Weeks': auc(oracleScores, oracleOutcomes),
      'oracleObservedToExpected.over6Weeks': observedToExpected6.value,
      'oracleObservedToExpected.over13Weeks': observedToExpected13.value,
    };
    return synthTargets.map(({ statistic, target, tolerance }) => {
      const value = values[statistic];
      return {
        statistic,
        value,
        target,
        tolerance,
        isWithin: Math.abs(value - target) <= tolerance + 1e-12,
      };
    });
  }

  return { add, sums, merge, result };
}
