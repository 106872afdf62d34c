/**
 * The generator's parameters, calibrated by hand against the Dutch figures in DOMAIN.md (CBS, NEA,
 * arbodienst registers). Changing one moves several statistics; `computeSynthStatistics` and the
 * synth tests show whether the population still lands on its targets.
 */

export const sectorNames = [
  'finance',
  'ict',
  'business-services',
  'trade',
  'hospitality',
  'construction',
  'industry',
  'education',
  'public-administration',
  'transport',
  'care',
] as const;

export type SectorName = (typeof sectorNames)[number];

export interface SectorProfile {
  /** Share of all employees working in the sector. */
  employeeShare: number;
  femaleShare: number;
  /** Published absence percentage the sector is steered towards. */
  targetAbsencePct: number;
  /** Chance per sick report that it is a work accident; higher where the work is physical. */
  workAccidentProbability: number;
}

export const sectorProfiles: Record<SectorName, SectorProfile> = {
  finance: profile(0.05, 0.4, 3.1, 0.003),
  ict: profile(0.05, 0.22, 3.4, 0.003),
  'business-services': profile(0.14, 0.45, 4.3, 0.008),
  trade: profile(0.15, 0.5, 4.6, 0.015),
  hospitality: profile(0.06, 0.55, 4.0, 0.02),
  construction: profile(0.06, 0.1, 5.2, 0.05),
  industry: profile(0.1, 0.25, 5.5, 0.04),
  education: profile(0.08, 0.65, 5.9, 0.005),
  'public-administration': profile(0.07, 0.5, 5.6, 0.005),
  transport: profile(0.06, 0.22, 6.0, 0.03),
  care: profile(0.18, 0.82, 7.5, 0.015),
};

function profile(
  employeeShare: number,
  femaleShare: number,
  targetAbsencePct: number,
  workAccidentProbability: number,
): SectorProfile {
  return { employeeShare, femaleShare, targetAbsencePct, workAccidentProbability };
}

/** Absence percentage of the whole workforce that the sector factors are relative to. */
export const referenceAbsencePct = 5.3;

/** Age at the start of the period: share per band [fromYears, toYearsExclusive). */
export const ageBands: readonly { fromYears: number; toYears: number; share: number }[] = [
  { fromYears: 17, toYears: 25, share: 0.13 },
  { fromYears: 25, toYears: 35, share: 0.22 },
  { fromYears: 35, toYears: 45, share: 0.21 },
  { fromYears: 45, toYears: 55, share: 0.22 },
  { fromYears: 55, toYears: 66, share: 0.22 },
];

/** AOW: employment ends in the year the employee turns 67. */
export const retirementAgeYears = 67;

/**
 * New sick reports per employee per year before the factors below; tuned so that the population,
 * after frailty, recurrence and days already spent sick, reports about 1.0 times a year.
 */
export const baseReportsPerYear = 0.9;

/**
 * Relative report intensity per calendar month (January first): the flu peak in winter, summer
 * holidays in July and August, a low September (DOMAIN.md: about 55 to 85 per 1,000 a month).
 */
export const monthIntensity = [1.06, 1.05, 1.02, 0.98, 0.96, 0.94, 0.82, 0.8, 0.8, 1.0, 1.06, 1.03];

/** Relative intensity per ISO weekday (Monday first): most reports come in on a Monday. */
export const weekdayIntensity = [1.75, 1.2, 1.05, 1.0, 0.85, 0.1, 0.05];

/** Christmas holidays (22 December to 1 January) see fewer reports. */
export const christmasIntensity = 0.7;

/**
 * Frailty: a per-employee gamma-distributed multiplier of the report rate with mean 1. Its shape
 * decides how concentrated absence is; shape 1 makes about half the employees report nothing in a
 * year at one report a year on average (a negative binomial with P(0) = 1/2).
 */
export const frailtyShape = 1.4;

/** After an episode ends the report rate is raised for a while: recurrence beyond frailty. */
export const recurrenceRateFactor = 1.3;
export const recurrenceWindowDays = 180;

/** Fewer years on a flex contract mean fewer sick reports (the contract is simply not renewed). */
export const contractReportFactor = { permanent: 1.0, temporary: 1.0, flex: 0.85 } as const;

/** Women report more often and stay away slightly longer at every age (CBS). */
export const femaleReportFactor = 1.12;
export const femaleLongLogit = 0.06;

/** Young employees report more often but return sooner; older employees the reverse. */
export const ageReportSlopePerYear = -0.006;
export const ageLongLogitPerYear = 0.05;
export const ageCentreYears = 42;
/** Under 25 long absence is rarer still than the linear age trend gives (CBS: 2.7 %). */
export const youngLongLogit = -0.3;

/** Yearly chance of leaving the employer, by age: young employees move on more often. */
export const leavingProbabilityPerYear = { young: 0.16, middle: 0.08, older: 0.05 } as const;

/** Share of the employees who are hired during the period rather than already employed. */
export const hiredDuringPeriodShare = 0.12;
