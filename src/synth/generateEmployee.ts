import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import type { Random } from '../core/random.ts';
import {
  ageBands,
  ageCentreYears,
  ageReportSlopePerYear,
  baseReportsPerYear,
  contractReportFactor,
  femaleReportFactor,
  frailtyShape,
  hiredDuringPeriodShare,
  leavingProbabilityPerYear,
  recurrenceRateFactor,
  recurrenceWindowDays,
  referenceAbsencePct,
  retirementAgeYears,
  sectorProfiles,
} from './calibration.ts';
import { dayNumberOf, isoWeekdayOf } from './dayNumber.ts';
import { drawMeanOneGamma } from './drawGamma.ts';
import { drawDurationDays } from './durationModel.ts';
import { drawReport } from './sickReportModel.ts';
import { truthProbabilities } from './truthModel.ts';
import type { SynthWindow } from './synthWindow.ts';
import type { EpisodeTruth, GeneratedEmployee, SynthTeam } from './synthTypes.ts';

/** Ziektewet: episodes that follow each other within 4 weeks count as one for the 104 weeks. */
export const linkGapDays = 28;
/** Past 104 weeks salary continuation ends; the employee leaves through WIA. */
const wiaDays = 728;

const daysPerYear = 365.25;

interface SimulatedEpisode {
  episodeId: string;
  employeeId: string;
  startDay: number;
  endDay: number;
  chainStartDay: number;
  isWritten: boolean;
}

/**
 * One employee of a team with every sick report from the burn-in to the end of the period. The
 * whole life of one employee is generated at once and then released, so memory stays flat however
 * large the population is.
 */
export function generateEmployee(
  employeeId: string,
  team: SynthTeam,
  window: SynthWindow,
  random: Random,
): GeneratedEmployee {
  const profile = sectorProfiles[team.sector];

  // Who the employee is.
  const isFemale = random.next() < profile.femaleShare;
  const ageAtStartYears = drawAgeYears(random);
  const birthYear = window.startYear - Math.floor(ageAtStartYears);
  const isYoung = ageAtStartYears < 25;
  const contractU = random.next();
  const contractType =
    contractU < (isYoung ? 0.3 : 0.08)
      ? 'flex'
      : contractU < (isYoung ? 0.6 : 0.23)
        ? 'temporary'
        : 'permanent';
  const contractHoursPerWeek = drawContractHours(isFemale, random);

  // Employment: most were already employed at the start; some join during the period.
  const periodDays = window.periodEndDayExclusive - window.periodStartDay;
  const employmentStartDay =
    random.next() < hiredDuringPeriodShare
      ? window.periodStartDay + random.int(Math.max(1, periodDays - 30))
      : window.periodStartDay -
        1 -
        Math.floor(
          Math.min(-Math.log(1 - random.next()) * 8, Math.max(0.1, ageAtStartYears - 17)) *
            daysPerYear,
        );
  const leavingPerYear =
    ageAtStartYears < 30
      ? leavingProbabilityPerYear.young
      : ageAtStartYears < 50
        ? leavingProbabilityPerYear.middle
        : leavingProbabilityPerYear.older;
  const leaveDay =
    Math.max(employmentStartDay, window.periodStartDay) +
    Math.floor((-Math.log(1 - random.next()) / -Math.log(1 - leavingPerYear)) * daysPerYear);
  const retirementDay = dayNumberOf(birthYear + retirementAgeYears, 1, 1);
  let employmentEndDayExclusive = Math.min(leaveDay, retirementDay);

  // How often the employee reports sick, all else equal.
  const frailty = drawMeanOneGamma(frailtyShape, random);
  const reportsPerYear =
    baseReportsPerYear *
    frailty *
    (isFemale ? femaleReportFactor : 1) *
    Math.exp(ageReportSlopePerYear * (ageAtStartYears - ageCentreYears)) *
    contractReportFactor[contractType] *
    Math.pow(profile.targetAbsencePct / referenceAbsencePct, 0.5);

  // Sick reports, one after the other: a new report can only come after the return to work.
  const simulated: SimulatedEpisode[] = [];
  const episodes: Episode[] = [];
  const truths: EpisodeTruth[] = [];
  let fromDay = Math.max(employmentStartDay, window.burnInStartDay);
  let boost = { endDay: fromDay, factor: recurrenceRateFactor };
  let hasEarlierLongEpisode = false;
  for (let sequence = 1; ; sequence++) {
    const limitDay = Math.min(employmentEndDayExclusive, window.periodEndDayExclusive);
    if (fromDay >= limitDay) break;
    const exponentialDraw = -Math.log(1 - random.next());
    const startDay = window.calendar.nextReportDay(
      fromDay,
      limitDay,
      reportsPerYear,
      boost,
      exponentialDraw,
    );
    if (startDay === undefined) break;

    // Counted in a loop rather than by filtering: this runs for every one of millions of reports.
    let recentReportCount = 0;
    for (const earlier of simulated) if (earlier.startDay >= startDay - 365) recentReportCount++;
    const year = window.yearOf(startDay);
    const month = window.monthOf(startDay);
    const report = drawReport(
      {
        sector: team.sector,
        isFemale,
        ageYears: year - birthYear,
        contractType,
        logFrailty: Math.log(frailty),
        recentReportCount,
        hasEarlierLongEpisode,
        month,
      },
      random,
    );
    const durationDays = drawDurationDays(report.riskScore, random);
    const endDay = startDay + durationDays;

    // Dismissal is barred while sick (opzegverbod), and past 104 weeks the employee leaves.
    if (employmentEndDayExclusive <= endDay || durationDays > wiaDays) {
      employmentEndDayExclusive = endDay;
    }

    const previous = simulated.at(-1);
    const isLinked = previous !== undefined && startDay - previous.endDay < linkGapDays;
    const episodeId = `${employeeId}-${sequence}`;
    const current: SimulatedEpisode = {
      episodeId,
      employeeId,
      startDay,
      endDay,
      chainStartDay: isLinked ? previous.chainStartDay : startDay,
      isWritten: endDay > window.periodStartDay,
    };
    simulated.push(current);

    if (current.isWritten) {
      episodes.push(
        toEpisode(current, report, durationDays, isLinked ? previous : undefined, window, random),
      );
      truths.push(toTruth(episodeId, employeeId, report));
    }

    if (durationDays > 42) hasEarlierLongEpisode = true;
    fromDay = endDay;
    boost = { endDay: endDay + recurrenceWindowDays, factor: recurrenceRateFactor };
  }

  const employee: Employee = {
    employeeId,
    sex: isFemale ? 'female' : 'male',
    birthYear,
    contractHoursPerWeek,
    contractType,
    employmentStartDate: window.isoDate(employmentStartDay),
    employmentEndDate:
      employmentEndDayExclusive <= window.periodEndDayExclusive
        ? window.isoDate(employmentEndDayExclusive - 1)
        : null,
    team: team.team,
    sector: team.sector,
  };
  return { employee, episodes, truths };
}

function toEpisode(
  current: SimulatedEpisode,
  report: ReturnType<typeof drawReport>,
  durationDays: number,
  linkedTo: SimulatedEpisode | undefined,
  window: SynthWindow,
  random: Random,
): Episode {
  const lastObservedDay = window.periodEndDayExclusive - 1;
  const isOpen = current.endDay > lastObservedDay;
  const startDate = window.isoDate(current.startDay);

  // werkhervatting: longer episodes often pass through a partial return before the full one.
  const recoveries: { date: string; workingPct: number }[] = [];
  if (durationDays >= 21 && random.next() < 0.3) {
    const firstDay = current.startDay + Math.floor(durationDays * (0.35 + 0.3 * random.next()));
    const firstPct = random.next() < 0.4 ? 25 : 50;
    if (firstDay > current.startDay && firstDay <= lastObservedDay) {
      recoveries.push({ date: window.isoDate(firstDay), workingPct: firstPct });
    }
    const secondDay = current.startDay + Math.floor(durationDays * (0.7 + 0.2 * random.next()));
    if (durationDays >= 60 && random.next() < 0.5 && secondDay > firstDay) {
      if (secondDay < current.endDay && secondDay <= lastObservedDay) {
        recoveries.push({ date: window.isoDate(secondDay), workingPct: 75 });
      }
    }
  }

  const episode: Episode = {
    episodeId: current.episodeId,
    employeeId: current.employeeId,
    kind: 'sickness',
    startDate,
    startMonth: startDate.slice(0, 7),
    startWeekday: isoWeekdayOf(current.startDay),
    endDate: isOpen ? null : window.isoDate(current.endDay),
    isSafetyNet: report.isSafetyNet,
    isWorkAccident: report.isWorkAccident,
    hasLiableThirdParty: report.hasLiableThirdParty,
    medical: { diagnosisCode: report.diagnosis },
    chainStartDate: window.isoDate(current.chainStartDay),
  };
  if (!isOpen) episode.durationDays = durationDays;
  if (report.expectedDurationDays !== undefined) {
    episode.expectedDurationDays = report.expectedDurationDays;
  }
  if (recoveries.length > 0) episode.recoveries = recoveries;
  // TODO: a link to an episode that ended before the period is dropped (that episode is not
  // written); chainStartDate still carries the chain's start, so the 104-week count stays right.
  if (linkedTo?.isWritten === true) episode.linkedToEpisodeId = linkedTo.episodeId;
  return episode;
}

function toTruth(
  episodeId: string,
  employeeId: string,
  report: ReturnType<typeof drawReport>,
): EpisodeTruth {
  // Six decimals: enough for any evaluation, and the text stays short in a file of millions of rows.
  const [p6, p13, p42, p52, p104] = truthProbabilities(
    report.knownRiskScore,
    report.answerIndex,
  ).map((p) => Math.round(p * 1e6) / 1e6);
  return {
    episodeId,
    employeeId,
    pOver6Weeks: p6!,
    pOver13Weeks: p13!,
    pOver42Weeks: p42!,
    pOver52Weeks: p52!,
    pOver104Weeks: p104!,
  };
}

function drawAgeYears(random: Random): number {
  let u = random.next();
  for (const band of ageBands) {
    if (u < band.share) return band.fromYears + (u / band.share) * (band.toYears - band.fromYears);
    u -= band.share;
  }
  return ageBands.at(-1)!.fromYears;
}

const femaleHours = [16, 20, 24, 28, 32, 36, 38];
const femaleHoursWeights = [0.08, 0.12, 0.2, 0.2, 0.2, 0.12, 0.08];
const maleHours = [24, 32, 36, 38, 40];
const maleHoursWeights = [0.05, 0.15, 0.3, 0.2, 0.3];

function drawContractHours(isFemale: boolean, random: Random): number {
  const hours = isFemale ? femaleHours : maleHours;
  const weights = isFemale ? femaleHoursWeights : maleHoursWeights;
  let u = random.next();
  for (let i = 0; i < hours.length; i++) {
    if (u < weights[i]!) return hours[i]!;
    u -= weights[i]!;
  }
  return hours.at(-1)!;
}
