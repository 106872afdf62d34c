import type { TreeEnsemble } from '../engine/trees/treeEnsemble.ts';
import type { Context } from '../features/contexts.ts';
import { featuresCarriedBy, type LeftOutFeature } from '../features/extractFeatureSupport.ts';
import type { FeatureSpec } from '../features/featureSpec.ts';
import { casesFromRecords } from '../features/scoringCase.ts';
import {
  readExtractDataset,
  type ExtractDescription,
} from '../sources/extract/readExtractDataset.ts';
import {
  canonicalDefaultBands,
  canonicalFeaturesFor,
  type CanonicalProblem,
} from './canonicalPipeline.ts';
import { evaluateSurvival, type SurvivalEvaluation } from './survival/evaluateSurvival.ts';
import { buildModelCard, type ModelCard } from './survival/modelCard.ts';
import { observedDuration } from './survival/observedDuration.ts';
import type { SurvivalModel } from './survival/survivalModel.ts';
import { trainSurvivalModel } from './survival/trainSurvivalModel.ts';

export interface ExtractProblem extends CanonicalProblem {
  extract: ExtractDescription;
}

/** A research extract read into canonical cases, as loadCanonicalProblem does for a folder. */
export async function loadExtractProblem(path: string): Promise<ExtractProblem> {
  const dataset = await readExtractDataset(path);
  const cases = casesFromRecords(dataset.employees, dataset.episodes);
  // As for canonical data: reports from before the period are there only because they were open.
  const reportedInPeriod = cases.filter(
    (c) => c.episode.startDate !== undefined && c.episode.startDate >= dataset.observedFrom,
  );
  return { dataset, cases, reportedInPeriod, extract: dataset.extract };
}

/** The canonical features lawful in the context that the extract carries, and those left out. */
export function extractFeaturesFor(
  problem: ExtractProblem,
  context: Context,
): { features: FeatureSpec[]; leftOut: LeftOutFeature[] } {
  const { carried, leftOut } = featuresCarriedBy(
    canonicalFeaturesFor(context),
    problem.extract.fields,
    problem.extract.hiddenFields,
  );
  return { features: carried, leftOut };
}

export function evaluateExtract(
  problem: ExtractProblem,
  context: Context,
  seed: number,
): Promise<SurvivalEvaluation> {
  return evaluateSurvival({
    cases: problem.reportedInPeriod,
    observedUntil: problem.dataset.observedUntil,
    features: extractFeaturesFor(problem, context).features,
    context,
    bands: canonicalDefaultBands,
    seed,
  });
}

/** As trainCanonical, on the features the extract carries; the card states the extract's limits. */
export async function trainExtract(
  problem: ExtractProblem,
  context: Context,
  options: { seed: number; bands?: { mediumFrom: number; highFrom: number } },
): Promise<{ model: SurvivalModel; ensemble: TreeEnsemble; card: ModelCard }> {
  const validation = await evaluateExtract(problem, context, options.seed);
  const { observedUntil } = problem.dataset;
  const { features } = extractFeaturesFor(problem, context);
  const { model, ensemble } = await trainSurvivalModel({
    cases: problem.reportedInPeriod,
    outcomes: problem.reportedInPeriod.map((c) => observedDuration(c.episode, observedUntil)!),
    observedUntil,
    features,
    context,
    bands: options.bands ?? canonicalDefaultBands,
    seed: options.seed,
  });
  const card = buildModelCard(model, features, validation);
  return {
    model,
    ensemble,
    card: { ...card, limits: [...card.limits, ...describeExtract(problem, context)] },
  };
}

/** What training on this extract can and cannot see, in sentences for people. */
export function describeExtract(problem: ExtractProblem, context: Context): string[] {
  const { extract } = problem;
  const { leftOut } = extractFeaturesFor(problem, context);
  const ended = extract.endsFromDays + extract.endsFromWeeks;
  const lines = [
    `Trained on the research extract ${extract.file} (${extract.rows} episodes): dates are weeks ` +
      `relative to ${extract.referenceDate}, read as the first day of each week; ages come from ` +
      'age bands (the middle of the band).',
    `Durations: ${extract.endsFromDays} of ${ended} ended episodes to the day (start week plus ` +
      `durationDays), ${extract.endsFromWeeks} to the week (top-coded or without durationDays).`,
    extract.periodSource === 'datasheet'
      ? `Observed from ${problem.dataset.observedFrom} to ${problem.dataset.observedUntil}, as the datasheet states.`
      : `Observed period taken from the records (${problem.dataset.observedFrom} to ` +
        `${problem.dataset.observedUntil}): the datasheet states none, so episodes that were ` +
        'already open at the start count as reported in the period.',
  ];
  if (leftOut.length > 0) {
    lines.push(`Features left out: ${leftOut.map((f) => `${f.name} (${f.reason})`).join('; ')}.`);
  }
  return lines;
}
