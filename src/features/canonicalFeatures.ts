import { employerLawful, physicianOnly } from './contexts.ts';
import { coded, labelled, yesNo } from './describe.ts';
import { absentDaysWithin, knownEpisodes } from './episodeHistory.ts';
import { digitsAt, isoDayNumber } from './isoDayNumber.ts';
import type { FeatureSpec, FeatureValue, Language, NumericFeatureSpec } from './featureSpec.ts';
import type { ScoringCase } from './scoringCase.ts';
import { monthNames, weekdayNames } from './calendarNames.ts';

/** Poortwachter's first milestone: an absence beyond 6 weeks (42 days) counts as long. */
const longEpisodeDays = 42;
/** Episodes less than 4 weeks apart count as one for the 104 weeks (Ziektewet art. 29). */
const recurrenceDays = 28;
const daysPerYear = 365.25;

const count =
  (en: [string, string], nl: [string, string], tailEn = '', tailNl = '') =>
  (language: Language) =>
  (value: FeatureValue) => {
    const [one, many] = language === 'en' ? en : nl;
    const tail = language === 'en' ? tailEn : tailNl;
    return `${String(value)} ${value === 1 ? one : many}${tail}`;
  };

function countPhrase(
  en: [string, string],
  nl: [string, string],
  tailEn = '',
  tailNl = '',
): Record<Language, (value: FeatureValue) => string> {
  const phrase = count(en, nl, tailEn, tailNl);
  return { en: phrase('en'), nl: phrase('nl') };
}

function numeric(
  name: string,
  contexts: NumericFeatureSpec['contexts'],
  value: NumericFeatureSpec['value'],
  describe: NumericFeatureSpec['describe'],
): NumericFeatureSpec {
  return { name, kind: 'numeric', contexts, value, describe };
}

/** The month of a report as its category: "1" for January ... "12". */
const monthCodes: readonly string[] = Array.from({ length: 13 }, (_, month) => String(month));

const flag = (value: boolean | undefined): number | undefined =>
  value === undefined ? undefined : value ? 1 : 0;

const reportDate = (c: ScoringCase): string | undefined => c.episode.startDate;

function episodesWithin(c: ScoringCase, windowDays: number): number {
  let count = 0;
  for (const k of knownEpisodes(c)) if (k.daysBefore <= windowDays) count++;
  return count;
}

const sexNames = {
  en: { female: 'female', male: 'male', unknown: 'unknown' },
  nl: { female: 'vrouw', male: 'man', unknown: 'onbekend' },
};
const contractNames = {
  en: { permanent: 'permanent', temporary: 'temporary', flex: 'flexible' },
  nl: { permanent: 'vast', temporary: 'tijdelijk', flex: 'flexibel' },
};

/**
 * Every feature a model may read from canonical records, at day precision and as known on the day
 * of the sick report. Employer-lawful: the absence history the employer keeps, the facts of the
 * report an employer may record (expected duration, safety net, work accident, liable third party),
 * and employment. Occupational physician only: the diagnosis category.
 */
export const canonicalFeatures: readonly FeatureSpec[] = [
  numeric(
    'priorEpisodes12Months',
    employerLawful,
    (c) => episodesWithin(c, 365),
    countPhrase(
      ['sick report', 'sick reports'],
      ['ziekmelding', 'ziekmeldingen'],
      ' in the last 12 months',
      ' in de afgelopen 12 maanden',
    ),
  ),
  numeric(
    'priorEpisodes24Months',
    employerLawful,
    (c) => episodesWithin(c, 730),
    countPhrase(
      ['sick report', 'sick reports'],
      ['ziekmelding', 'ziekmeldingen'],
      ' in the last 24 months',
      ' in de afgelopen 24 maanden',
    ),
  ),
  numeric(
    'priorEpisodes36Months',
    employerLawful,
    (c) => episodesWithin(c, 1096),
    countPhrase(
      ['sick report', 'sick reports'],
      ['ziekmelding', 'ziekmeldingen'],
      ' in the last 36 months',
      ' in de afgelopen 36 maanden',
    ),
  ),
  numeric(
    'priorAbsenceDays12Months',
    employerLawful,
    (c) => absentDaysWithin(knownEpisodes(c), 365),
    countPhrase(
      ['day', 'days'],
      ['dag', 'dagen'],
      ' absent in the last 12 months',
      ' verzuim in de afgelopen 12 maanden',
    ),
  ),
  numeric(
    'priorLongEpisodes36Months',
    employerLawful,
    (c) => {
      let count = 0;
      for (const k of knownEpisodes(c)) {
        if (k.daysBefore <= 1096 && k.daysAbsent > longEpisodeDays) count++;
      }
      return count;
    },
    countPhrase(
      ['earlier absence', 'earlier absences'],
      ['eerder verzuim', 'eerdere verzuimen'],
      ' longer than 6 weeks in 3 years',
      ' langer dan 6 weken in 3 jaar',
    ),
  ),
  numeric(
    'daysSinceLastEpisode',
    employerLawful,
    (c) => {
      let fewest: number | undefined;
      for (const k of knownEpisodes(c)) fewest = Math.min(fewest ?? Infinity, k.daysSinceEnd ?? 0);
      return fewest;
    },
    {
      en: (v) =>
        v === undefined
          ? 'No earlier sick report'
          : `${String(v)} days since the last absence ended`,
      nl: (v) =>
        v === undefined
          ? 'Geen eerdere ziekmelding'
          : `${String(v)} dagen sinds het vorige verzuim`,
    },
  ),
  numeric(
    'isRecurrenceWithin4Weeks',
    employerLawful,
    (c) => (knownEpisodes(c).some((k) => (k.daysSinceEnd ?? 0) < recurrenceDays) ? 1 : 0),
    yesNo({
      en: 'New report within 4 weeks of the last absence',
      nl: 'Nieuwe melding binnen 4 weken na vorig verzuim',
    }),
  ),
  {
    name: 'reportWeekday',
    kind: 'categorical',
    contexts: employerLawful,
    value: (c) =>
      c.episode.startWeekday === undefined ? undefined : String(c.episode.startWeekday),
    describe: coded({ en: 'Day of the report', nl: 'Dag van de melding' }, weekdayNames),
  },
  {
    name: 'reportMonth',
    kind: 'categorical',
    contexts: employerLawful,
    value: (c) => monthCodes[digitsAt(c.episode.startMonth, 5, 2)],
    describe: coded({ en: 'Month of the report', nl: 'Maand van de melding' }, monthNames),
  },
  numeric(
    'expectedDurationDays',
    employerLawful,
    (c) => c.episode.expectedDurationDays,
    labelled(
      { en: 'Expected duration as told at the report', nl: 'Verwachte duur volgens de melding' },
      { en: 'days', nl: 'dagen' },
    ),
  ),
  numeric(
    'isSafetyNet',
    employerLawful,
    (c) => flag(c.episode.isSafetyNet),
    yesNo({ en: 'Safety-net provision applies', nl: 'Vangnetregeling van toepassing' }),
  ),
  numeric(
    'isWorkAccident',
    employerLawful,
    (c) => flag(c.episode.isWorkAccident),
    yesNo({ en: 'Work accident', nl: 'Bedrijfsongeval' }),
  ),
  numeric(
    'hasLiableThirdParty',
    employerLawful,
    (c) => flag(c.episode.hasLiableThirdParty),
    yesNo({ en: 'Liable third party', nl: 'Aansprakelijke derde' }),
  ),
  numeric(
    'ageYears',
    employerLawful,
    (c) => {
      const date = reportDate(c);
      if (c.employee.birthYear !== undefined && date !== undefined) {
        return digitsAt(date, 0, 4) - c.employee.birthYear;
      }
      return c.employee.ageYears;
    },
    labelled({ en: 'Age', nl: 'Leeftijd' }, { en: 'years', nl: 'jaar' }),
  ),
  {
    name: 'sex',
    kind: 'categorical',
    contexts: employerLawful,
    value: (c) => c.employee.sex,
    describe: coded({ en: 'Sex', nl: 'Geslacht' }, sexNames),
  },
  numeric(
    'contractHoursPerWeek',
    employerLawful,
    (c) => c.employee.contractHoursPerWeek,
    labelled({ en: 'Contract hours', nl: 'Contracturen' }, { en: 'per week', nl: 'per week' }),
  ),
  {
    name: 'contractType',
    kind: 'categorical',
    contexts: employerLawful,
    value: (c) => c.employee.contractType,
    describe: coded({ en: 'Contract', nl: 'Contract' }, contractNames),
  },
  numeric(
    'tenureYears',
    employerLawful,
    (c) => {
      const date = reportDate(c);
      const start = c.employee.employmentStartDate;
      if (start !== undefined && date !== undefined) {
        return Math.max(0, Math.floor((isoDayNumber(date) - isoDayNumber(start)) / daysPerYear));
      }
      return c.employee.tenureYears;
    },
    labelled({ en: 'Years of service', nl: 'Dienstjaren' }),
  ),
  {
    name: 'sector',
    kind: 'categorical',
    contexts: employerLawful,
    value: (c) => c.employee.sector,
    describe: labelled({ en: 'Sector', nl: 'Sector' }),
  },
  {
    name: 'diagnosisCode',
    kind: 'categorical',
    contexts: physicianOnly,
    value: (c) => c.episode.medical?.diagnosisCode,
    describe: labelled({ en: 'Diagnosis category', nl: 'Diagnosecategorie' }),
  },
  numeric(
    'priorEpisodesSameDiagnosis36Months',
    physicianOnly,
    (c) => {
      const code = c.episode.medical?.diagnosisCode;
      if (code === undefined) return undefined;
      return knownEpisodes(c).filter(
        (k) => k.daysBefore <= 1096 && k.episode.medical?.diagnosisCode === code,
      ).length;
    },
    countPhrase(
      ['earlier absence', 'earlier absences'],
      ['eerder verzuim', 'eerdere verzuimen'],
      ' with the same diagnosis in 3 years',
      ' met dezelfde diagnose in 3 jaar',
    ),
  ),
];
