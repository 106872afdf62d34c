import type { FeatureSpec } from './featureSpec.ts';

/**
 * Which canonical fields each canonical feature reads, so that a model on a research extract
 * uses only what the extract carries. Every date in an extract is a week: a feature that needs
 * the day (the weekday) is never carried; one that needs a field the extract leaves out would be
 * missing in every row and is left out too. A feature missing from this table is left out as
 * unknown, so that a new feature is decided on rather than computed from week-start dates.
 */
const featureNeeds: Readonly<Record<string, { anyOf: readonly string[] } | { never: string }>> = {
  priorEpisodes12Months: { anyOf: ['startDate'] },
  priorEpisodes24Months: { anyOf: ['startDate'] },
  priorEpisodes36Months: { anyOf: ['startDate'] },
  priorAbsenceDays12Months: { anyOf: ['endDate'] },
  priorLongEpisodes36Months: { anyOf: ['endDate'] },
  daysSinceLastEpisode: { anyOf: ['endDate'] },
  isRecurrenceWithin4Weeks: { anyOf: ['endDate'] },
  reportWeekday: { never: 'the extract gives weeks, not days' },
  // The month of the week's first day: a report early in a month can count for the one before.
  reportMonth: { anyOf: ['startDate'] },
  expectedDurationDays: { anyOf: ['expectedDurationDays'] },
  isSafetyNet: { anyOf: ['isSafetyNet'] },
  isWorkAccident: { anyOf: ['isWorkAccident'] },
  hasLiableThirdParty: { anyOf: ['hasLiableThirdParty'] },
  ageYears: { anyOf: ['birthYear', 'ageYears'] },
  sex: { anyOf: ['sex'] },
  contractHoursPerWeek: { anyOf: ['contractHoursPerWeek'] },
  contractType: { anyOf: ['contractType'] },
  tenureYears: { anyOf: ['employmentStartDate', 'tenureYears'] },
  sector: { anyOf: ['sector'] },
  diagnosisCode: { anyOf: ['diagnosisCode'] },
  priorEpisodesSameDiagnosis36Months: { anyOf: ['diagnosisCode'] },
};

export interface LeftOutFeature {
  name: string;
  reason: string;
}

/**
 * Splits features into those an extract with these fields carries and those it does not;
 * `hiddenFields` are in the extract but `*` in every row (k-anonymity hid them).
 */
export function featuresCarriedBy(
  features: readonly FeatureSpec[],
  fields: readonly string[],
  hiddenFields: readonly string[] = [],
): { carried: FeatureSpec[]; leftOut: LeftOutFeature[] } {
  const present = new Set(fields);
  const hidden = new Set(hiddenFields);
  const carried: FeatureSpec[] = [];
  const leftOut: LeftOutFeature[] = [];
  for (const spec of features) {
    const needs = featureNeeds[spec.name];
    if (needs === undefined) {
      leftOut.push({ name: spec.name, reason: 'not known to carry over to extracts' });
    } else if ('never' in needs) {
      leftOut.push({ name: spec.name, reason: needs.never });
    } else if (needs.anyOf.some((field) => present.has(field))) {
      carried.push(spec);
    } else if (needs.anyOf.some((field) => hidden.has(field))) {
      const names = needs.anyOf.filter((field) => hidden.has(field)).join(' and ');
      leftOut.push({ name: spec.name, reason: `k-anonymity hid ${names} in every row` });
    } else {
      leftOut.push({ name: spec.name, reason: `the extract has no ${needs.anyOf.join(' or ')}` });
    }
  }
  return { carried, leftOut };
}

/** The feature names the table knows, for a test that every canonical feature is decided on. */
export const extractFeatureNames: readonly string[] = Object.keys(featureNeeds);
