/**
 * What each statistic of a synthetic population should be, from DOMAIN.md, and how far it may
 * stray. Tolerances cover both the spread of the published figures and the sampling noise of a
 * 20,000-employee, 3-year population.
 */
export interface SynthTarget {
  statistic: string;
  target: number;
  tolerance: number;
}

export const synthTargets = [
  { statistic: 'absencePct', target: 5.1, tolerance: 0.5 },
  { statistic: 'absencePct.age15to24', target: 2.7, tolerance: 0.8 },
  { statistic: 'absencePct.age55to66', target: 6.5, tolerance: 1.0 },
  { statistic: 'absencePct.femaleToMaleRatio', target: 1.25, tolerance: 0.15 },
  { statistic: 'ageBandsWithWomenAboveMen', target: 5, tolerance: 0 },
  { statistic: 'absencePct.sector.finance', target: 3.1, tolerance: 0.8 },
  { statistic: 'absencePct.sector.care', target: 7.5, tolerance: 0.8 },
  { statistic: 'reportsPerEmployeeYear', target: 1.15, tolerance: 0.25 },
  { statistic: 'shareOfEmployeeYearsWithoutReport', target: 0.5, tolerance: 0.08 },
  { statistic: 'shareOfEpisodes1to5WorkDays', target: 0.69, tolerance: 0.04 },
  { statistic: 'shareOfEpisodesOver6Weeks', target: 0.11, tolerance: 0.02 },
  { statistic: 'shareOfAbsenceDaysInEpisodesOver6Weeks', target: 0.76, tolerance: 0.05 },
  { statistic: 'shareOfEpisodes210WorkDaysOrMore', target: 0.01, tolerance: 0.005 },
  { statistic: 'reportsPer1000PerMonth.january', target: 85, tolerance: 15 },
  { statistic: 'reportsPer1000PerMonth.september', target: 55, tolerance: 15 },
  { statistic: 'summerDipRatio.julyAugustToMayJune', target: 0.85, tolerance: 0.1 },
  { statistic: 'christmasDipRatio.dec22to31ToDec1to21', target: 0.7, tolerance: 0.15 },
  { statistic: 'mondayShareOfReports', target: 0.27, tolerance: 0.05 },
  { statistic: 'isMondayPeakWeekday', target: 1, tolerance: 0 },
  { statistic: 'recurrenceRatio.reportAfterReportYear', target: 1.6, tolerance: 0.4 },
  { statistic: 'shareOfEmployeesCausingHalfOfReports', target: 0.15, tolerance: 0.07 },
  { statistic: 'expectedDurationAuc.over6Weeks', target: 0.775, tolerance: 0.025 },
  { statistic: 'oracleAuc.over6Weeks', target: 0.8, tolerance: 0.05 },
  { statistic: 'oracleObservedToExpected.over6Weeks', target: 1, tolerance: 0.06 },
  { statistic: 'oracleObservedToExpected.over13Weeks', target: 1, tolerance: 0.1 },
] as const satisfies readonly SynthTarget[];

export type SynthStatisticName = (typeof synthTargets)[number]['statistic'];

export interface SynthStatistic {
  statistic: string;
  value: number;
  target: number;
  tolerance: number;
  isWithin: boolean;
}
