import { episodesKnownOn } from '../../src/caseload/episodesKnownOn.ts';
import type { FeatureSpec } from '../../src/features/featureSpec.ts';
import type { ScoringCase } from '../../src/features/scoringCase.ts';

/**
 * The case as a record system showed it at the end of its sick report's day: later reports do not
 * exist yet, and for every episode still open then (the case's own one too) the end date, the
 * duration and later partial recoveries are unknown.
 */
export function knownAtReport(scoringCase: ScoringCase): ScoringCase {
  const reportDate = scoringCase.episode.startDate;
  if (reportDate === undefined) throw new Error(`${scoringCase.caseId} has no report date`);
  const history = episodesKnownOn(scoringCase.history, reportDate);
  const episode = episodesKnownOn([scoringCase.episode], reportDate)[0]!;
  const { employmentEndDate } = scoringCase.employee;
  const employee =
    employmentEndDate != null && employmentEndDate > reportDate
      ? { ...scoringCase.employee, employmentEndDate: null }
      : scoringCase.employee;
  return { ...scoringCase, employee, episode, history };
}

/**
 * The features whose value at a sick report differs between the full records and the records
 * as known on the report's day: any name here reads something only known later.
 */
export function featuresReadingTheFuture(
  features: readonly FeatureSpec[],
  cases: readonly ScoringCase[],
): string[] {
  const leaking = new Set<string>();
  for (const scoringCase of cases) {
    const known = knownAtReport(scoringCase);
    for (const spec of features) {
      if (!Object.is(spec.value(scoringCase), spec.value(known))) leaking.add(spec.name);
    }
  }
  return [...leaking].sort();
}
