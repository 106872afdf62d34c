import type { Random } from '../core/random.ts';
import {
  ageCentreYears,
  ageLongLogitPerYear,
  youngLongLogit,
  femaleLongLogit,
  referenceAbsencePct,
  sectorProfiles,
  type SectorName,
} from './calibration.ts';

export const diagnosisCategories = ['mental', 'musculoskeletal', 'respiratory', 'other'] as const;
export type DiagnosisCategory = (typeof diagnosisCategories)[number];

/** What the generator knows about an employee when a sick report comes in. */
export interface ReportContext {
  sector: SectorName;
  isFemale: boolean;
  ageYears: number;
  contractType: 'permanent' | 'temporary' | 'flex';
  /** Log of the employee's frailty (mean-1 gamma); frail employees also stay away longer. */
  logFrailty: number;
  /** Reports in the 365 days before this one. */
  recentReportCount: number;
  hasEarlierLongEpisode: boolean;
  /** Calendar month of the report, 1-12. */
  month: number;
}

/** One sick report as drawn: the employer-lawful flags, the medical category and the risk. */
export interface DrawnReport {
  diagnosis: DiagnosisCategory;
  isSafetyNet: boolean;
  isWorkAccident: boolean;
  hasLiableThirdParty: boolean;
  /** The employee's own expectation at the report; undefined when the employee could not say. */
  expectedDurationDays: number | undefined;
  /** Log-odds scale score that sets the duration mixture (see durationModel). */
  riskScore: number;
  /** The risk score before the report's unobserved severity: what is knowable at the report. */
  knownRiskScore: number;
  /** Position of the answer in `answerDays`; undefined when the employee could not say. */
  answerIndex: number | undefined;
}

/** Shift of the long-absence log-odds per diagnosis: mental and back problems last, flu does not. */
const diagnosisLongLogit: Record<DiagnosisCategory, number> = {
  mental: 1.25,
  musculoskeletal: 0.65,
  respiratory: -1.1,
  other: 0,
};

/** Per-report severity (unobserved by anyone at the report) that the answer only partly reveals. */
const severityLogSd = 1.0;
/** Noise of the employee's own expectation around the true risk; sets the answer's AUC. */
const answerNoiseSd = 0.6;
const answerMissingProbability = 0.1;
/** Answers people give: days, a week, weeks, months. */
const answerDays = [1, 2, 3, 4, 5, 7, 10, 14, 21, 28, 42, 56, 84, 126, 182, 365];

const winterMonths = new Set([1, 2, 3, 11, 12]);
const summerMonths = new Set([6, 7, 8]);
const mentalSectors = new Set<SectorName>(['education', 'care', 'public-administration']);
const physicalSectors = new Set<SectorName>(['construction', 'industry', 'care', 'transport']);

export function drawReport(context: ReportContext, random: Random): DrawnReport {
  const diagnosis = drawDiagnosis(context, random);
  const sector = sectorProfiles[context.sector];

  // Flags: work accidents where work is physical; a safety net mostly for contracts that may end.
  const isWorkAccident =
    random.next() < (diagnosis === 'musculoskeletal' ? 4 : 1) * sector.workAccidentProbability;
  const hasLiableThirdParty = random.next() < (diagnosis === 'musculoskeletal' ? 0.03 : 0.004);
  const safetyNetProbability = context.contractType === 'permanent' ? 0.015 : 0.08;
  const isSafetyNet = random.next() < safetyNetProbability;

  const knownRiskScore =
    baseRiskScore(context) +
    diagnosisLongLogit[diagnosis] +
    (isWorkAccident ? 0.6 : 0) +
    (hasLiableThirdParty ? 0.6 : 0) +
    (isSafetyNet ? 0.5 : 0);
  const riskScore = knownRiskScore + severityLogSd * random.normal();

  const answerSignal = riskScore + answerNoiseSd * random.normal();
  const hasAnswer = random.next() >= answerMissingProbability;
  const answerIndex = hasAnswer ? answerIndexFromLog(answerLogOf(answerSignal)) : undefined;
  return {
    diagnosis,
    isSafetyNet,
    isWorkAccident,
    hasLiableThirdParty,
    expectedDurationDays: answerIndex === undefined ? undefined : answerDays[answerIndex],
    riskScore,
    knownRiskScore,
    answerIndex,
  };
}

/** The part of the risk score fixed by who the employee is, before the report's own draws. */
function baseRiskScore(context: ReportContext): number {
  const sectorShift =
    0.7 * Math.log(sectorProfiles[context.sector].targetAbsencePct / referenceAbsencePct);
  return (
    sectorShift +
    ageLongLogitPerYear * (context.ageYears - ageCentreYears) +
    (context.ageYears < 25 ? youngLongLogit : 0) +
    (context.isFemale ? femaleLongLogit : 0) +
    (context.contractType === 'flex' ? -0.15 : 0) +
    0.3 * context.logFrailty +
    0.08 * Math.min(context.recentReportCount, 4) +
    (context.hasEarlierLongEpisode ? 0.35 : 0)
  );
}

/**
 * Relative weights of the diagnosis categories: respiratory in winter, back and joints in physical
 * work and with age, mental in education, care and government.
 * TODO: recurrence after mental-health absence is not modelled apart from frailty; the generated
 * share with a new mental report within the period is about 0.3 against 1 in 5 in DOMAIN.md.
 */
function drawDiagnosis(context: ReportContext, random: Random): DiagnosisCategory {
  const season = winterMonths.has(context.month) ? 1.4 : summerMonths.has(context.month) ? 0.6 : 1;
  const mental =
    0.08 *
    (mentalSectors.has(context.sector) ? 1.4 : 1) *
    (context.ageYears >= 25 && context.ageYears < 50 ? 1.15 : 0.9);
  const musculoskeletal =
    0.2 *
    (physicalSectors.has(context.sector) ? 1.35 : 1) *
    (1 + 0.015 * (context.ageYears - ageCentreYears));
  const respiratory = 0.28 * season;
  const other = 0.38;
  const u = random.next() * (mental + musculoskeletal + respiratory + other);
  if (u < mental) return 'mental';
  if (u < mental + musculoskeletal) return 'musculoskeletal';
  if (u < mental + musculoskeletal + respiratory) return 'respiratory';
  return 'other';
}

/** Geometric midpoints between neighbouring answers: the answer nearest on a log scale wins. */
const answerLogMidpoints = answerDays
  .slice(1)
  .map((days, i) => 0.5 * (Math.log(days) + Math.log(answerDays[i]!)));

function answerIndexFromLog(logDays: number): number {
  let index = 0;
  while (index < answerLogMidpoints.length && logDays > answerLogMidpoints[index]!) index++;
  return index;
}

/** The log of the days an employee answers for a given signal (before snapping to an answer). */
function answerLogOf(signal: number): number {
  return 1.15 + 0.85 * signal;
}

/**
 * The range of the answer signal that gives the answer at `answerIndex`: the employee's answer
 * tells the signal only up to the snapping of answers to round numbers.
 */
export function answerSignalRange(answerIndex: number): [number, number] {
  const signalOf = (logDays: number) => (logDays - 1.15) / 0.85;
  const low = answerIndex === 0 ? -Infinity : signalOf(answerLogMidpoints[answerIndex - 1]!);
  const high =
    answerIndex >= answerLogMidpoints.length
      ? Infinity
      : signalOf(answerLogMidpoints[answerIndex]!);
  return [low, high];
}

export { answerNoiseSd, severityLogSd };
