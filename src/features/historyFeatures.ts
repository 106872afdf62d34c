import { monthsBetween } from '../core/canonical/dates.ts';
import { employerLawful } from './contexts.ts';
import type { NumericFeatureSpec } from './featureSpec.ts';
import { earlierSickness } from './scoringCase.ts';

/** Hours above which the UCI analogue of a long absence starts: more than one working day. */
export const longAbsenceHours = 8;

const priorLongShareBase = 0.1;
const priorLongShareWeight = 2;

const percent = (v: unknown): string => `${Math.round(Number(v) * 100)}%`;

const count = (n: unknown, one: string, many: string): string =>
  `${String(n)} ${n === 1 ? one : many}`;

/**
 * Features from the employee's own earlier sick reports, at month precision so that they work on
 * sources that only give the month. Lawful for the employer: the employer keeps the absence
 * history itself (dates and durations, never the reason).
 */
export const historyFeatures: readonly NumericFeatureSpec[] = [
  {
    name: 'priorSickReports',
    kind: 'numeric',
    contexts: employerLawful,
    value: (c) => earlierSickness(c).length,
    describe: {
      en: (v) => count(v, 'earlier sick report', 'earlier sick reports'),
      nl: (v) => count(v, 'eerdere ziekmelding', 'eerdere ziekmeldingen'),
    },
  },
  {
    name: 'priorSickReports12Months',
    kind: 'numeric',
    contexts: employerLawful,
    value: (c) =>
      earlierSickness(c).filter((e) => monthsBetween(e.startMonth, c.episode.startMonth) < 12)
        .length,
    describe: {
      en: (v) => `${count(v, 'sick report', 'sick reports')} in the last 12 months`,
      nl: (v) => `${count(v, 'ziekmelding', 'ziekmeldingen')} in de afgelopen 12 maanden`,
    },
  },
  {
    name: 'priorAbsenceHours',
    kind: 'numeric',
    contexts: employerLawful,
    value: (c) => earlierSickness(c).reduce((sum, e) => sum + (e.durationHours ?? 0), 0),
    describe: {
      en: (v) => `${String(v)} hours of earlier absence`,
      nl: (v) => `${String(v)} uur eerder verzuim`,
    },
  },
  {
    name: 'priorLongAbsences',
    kind: 'numeric',
    contexts: employerLawful,
    value: (c) =>
      earlierSickness(c).filter((e) => (e.durationHours ?? 0) > longAbsenceHours).length,
    describe: {
      en: (v) =>
        count(
          v,
          'earlier absence longer than a working day',
          'earlier absences longer than a working day',
        ),
      nl: (v) =>
        count(
          v,
          'eerder verzuim langer dan een werkdag',
          'eerdere verzuimen langer dan een werkdag',
        ),
    },
  },
  {
    name: 'priorLongShare',
    kind: 'numeric',
    contexts: employerLawful,
    // Shrunk towards the population's roughly 1 in 10, so one earlier report does not swing it.
    value: (c) => {
      const earlier = earlierSickness(c);
      const long = earlier.filter((e) => (e.durationHours ?? 0) > longAbsenceHours).length;
      return (
        (long + priorLongShareWeight * priorLongShareBase) / (earlier.length + priorLongShareWeight)
      );
    },
    describe: {
      en: (v) => `${percent(v)} of earlier absences longer than a working day`,
      nl: (v) => `${percent(v)} van eerdere verzuimen langer dan een werkdag`,
    },
  },
  {
    name: 'priorMeanAbsenceHours',
    kind: 'numeric',
    contexts: employerLawful,
    value: (c) => {
      const earlier = earlierSickness(c);
      if (earlier.length === 0) return undefined;
      return earlier.reduce((sum, e) => sum + (e.durationHours ?? 0), 0) / earlier.length;
    },
    describe: {
      en: (v) =>
        v === undefined
          ? 'No earlier absence'
          : `Earlier absences of ${Number(v).toFixed(1)} hours on average`,
      nl: (v) =>
        v === undefined
          ? 'Geen eerder verzuim'
          : `Eerdere verzuimen van gemiddeld ${Number(v).toFixed(1).replace('.', ',')} uur`,
    },
  },
  {
    name: 'monthsSinceLastSickReport',
    kind: 'numeric',
    contexts: employerLawful,
    value: (c) => {
      const months = earlierSickness(c).map((e) =>
        monthsBetween(e.startMonth, c.episode.startMonth),
      );
      return months.length === 0 ? undefined : Math.min(...months);
    },
    describe: {
      en: (v) =>
        v === undefined
          ? 'No earlier sick report'
          : `${String(v)} months since the last sick report`,
      nl: (v) =>
        v === undefined
          ? 'Geen eerdere ziekmelding'
          : `${String(v)} maanden sinds de vorige ziekmelding`,
    },
  },
];
