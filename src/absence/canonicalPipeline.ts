import type { Context } from '../features/contexts.ts';
import { canonicalFeatures } from '../features/canonicalFeatures.ts';
import { lawfulFeatures } from '../features/catalogue.ts';
import { casesFromRecords, type ScoringCase } from '../features/scoringCase.ts';
import {
  readCanonicalDataset,
  type CanonicalDataset,
} from '../sources/canonical/readCanonicalDataset.ts';
import { evaluateSurvival, type SurvivalEvaluation } from './survival/evaluateSurvival.ts';
import { buildModelCard, type ModelCard } from './survival/modelCard.ts';
import { observedDuration } from './survival/observedDuration.ts';
import type { SurvivalModel } from './survival/survivalModel.ts';
import { trainSurvivalModel } from './survival/trainSurvivalModel.ts';
import type { TreeEnsemble } from '../engine/trees/treeEnsemble.ts';

/** Bands of P(more than 6 weeks), whose base rate is about 1 in 10. */
export const canonicalDefaultBands = { mediumFrom: 0.15, highFrom: 0.35 } as const;

export interface CanonicalProblem {
  dataset: CanonicalDataset;
  /** Every sick report, open or ended, with the employee's episodes as history. */
  cases: ScoringCase[];
  /** The reports made within the observed period: the ones whose durations a model may learn. */
  reportedInPeriod: ScoringCase[];
}

export async function loadCanonicalProblem(directory: string): Promise<CanonicalProblem> {
  const dataset = await readCanonicalDataset(directory);
  const cases = casesFromRecords(dataset.employees, dataset.episodes);
  // A report from before the period is only here because it was still open when the period
  // began: learning from it would overstate how long absences last.
  const reportedInPeriod = cases.filter(
    (c) => c.episode.startDate !== undefined && c.episode.startDate >= dataset.observedFrom,
  );
  return { dataset, cases, reportedInPeriod };
}

export function canonicalFeaturesFor(context: Context) {
  return lawfulFeatures(canonicalFeatures, context);
}

export function evaluateCanonical(
  problem: CanonicalProblem,
  context: Context,
  seed: number,
): Promise<SurvivalEvaluation> {
  return evaluateSurvival({
    cases: problem.reportedInPeriod,
    observedUntil: problem.dataset.observedUntil,
    features: canonicalFeaturesFor(context),
    context,
    bands: canonicalDefaultBands,
    seed,
    truth: problem.dataset.truth,
  });
}

/**
 * Trains the model to use: first the temporal validation for its model card, then the final model
 * on every report up to the end of the data.
 */
export async function trainCanonical(
  problem: CanonicalProblem,
  context: Context,
  options: { seed: number; bands?: { mediumFrom: number; highFrom: number } },
): Promise<{ model: SurvivalModel; ensemble: TreeEnsemble; card: ModelCard }> {
  const validation = await evaluateCanonical(problem, context, options.seed);
  const { observedUntil } = problem.dataset;
  const features = canonicalFeaturesFor(context);
  const { model, ensemble } = await trainSurvivalModel({
    cases: problem.reportedInPeriod,
    outcomes: problem.reportedInPeriod.map((c) => observedDuration(c.episode, observedUntil)!),
    observedUntil,
    features,
    context,
    bands: options.bands ?? canonicalDefaultBands,
    seed: options.seed,
  });
  return { model, ensemble, card: buildModelCard(model, features, validation) };
}

/**
 * The episodes open on `asOfDate`: reported on or before it and not ended by then. Their
 * histories hold only what was reported before each report, so records after the date never
 * reach a feature.
 */
export function openCasesAsOf(cases: readonly ScoringCase[], asOfDate: string): ScoringCase[] {
  return cases.filter((c) => {
    const { startDate, endDate } = c.episode;
    if (startDate === undefined || startDate > asOfDate) return false;
    return endDate == null || endDate > asOfDate;
  });
}
