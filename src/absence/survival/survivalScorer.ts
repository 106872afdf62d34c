import { daysBetween } from '../../core/canonical/dates.ts';
import type { FeatureMatrix } from '../../engine/trees/featureMatrix.ts';
import type { TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { assertLawful, catalogues, featuresByName } from '../../features/catalogue.ts';
import type { FeatureSpec, Language } from '../../features/featureSpec.ts';
import type { ScoringCase } from '../../features/scoringCase.ts';
import { explainByPatterns } from '../explainByPatterns.ts';
import { bandOf, indicationNotice, phraseOf, type Band, type Factor } from '../indication.ts';
import type { Bands } from '../linearModel.ts';
import { topFactors } from '../topFactors.ts';
import { daysPerWeek, horizonsWeeks } from './legalIntervals.ts';
import { intervalMargins } from './intervalMargins.ts';
import { SurvivalCurve, intervalCount, intervalEndDay, intervalOf } from './survivalCurve.ts';
import type { SurvivalModel } from './survivalModel.ts';
import { intervalMatrix, toFeatureMatrix } from '../treeEncoding.ts';

/** An indication of how long an open sick-leave episode may last, for a professional. */
export interface SurvivalIndication {
  kind: 'indication';
  isDecision: false;
  notice: Record<Language, string>;
  caseId: string;
  modelVersion: string;
  context: SurvivalModel['context'];
  /** The day the case is scored, and how many days of absence lie behind it then. */
  asOfDate: string;
  elapsedDays: number;
  /** P(absence lasts more than N weeks | still absent today), non-increasing in N. */
  horizons: { weeks: number; probability: number }[];
  /** The next milestone and its probability: what band, factors and contributions explain. */
  headline: { weeks: number; probability: number };
  probability: number;
  band: Band;
  /** Median expected duration in days since the report, with an 80% interval; null: > 104 weeks. */
  medianDays: number | null;
  interval80Days: [number | null, number | null];
  baseValue: number;
  contributions: Record<string, number>;
  factors: Factor[];
  /** The change of one factor that would move the band, where one exists. */
  counterfactual: Counterfactual | null;
  missingFeatures: string[];
}

export interface Counterfactual {
  feature: string;
  probability: number;
  band: Band;
  sentence: Record<Language, string>;
}

export interface ScoreOptions {
  /** Score as of this day; defaults to the day of the sick report. */
  asOfDate?: string;
  bands?: Bands;
  topFactors?: number;
}

export interface SurvivalScorer {
  model: SurvivalModel;
  features: readonly FeatureSpec[];
  /** Scores cases in one batch: trees and explanations run over all of them at once. */
  scoreMany(cases: readonly ScoringCase[], options?: ScoreOptions): SurvivalIndication[];
  /** The survival curves of cases, as of their sick report. */
  curves(cases: readonly ScoringCase[]): SurvivalCurve[];
}

/**
 * Prepares a survival model for scoring, refusing any feature that is not lawful in its context.
 * Re-scoring during an episode conditions on the days already absent: every probability is
 * P(more than N weeks | absent until today), and the explained headline is the next knot.
 */
export function survivalScorer(model: SurvivalModel, ensemble: TreeEnsemble): SurvivalScorer {
  const features = featuresByName(
    catalogues[model.catalogue],
    model.features.map((f) => f.name),
  );
  assertLawful(features, model.context);
  const intervalFeature = features.length;

  const covariatesOf = (cases: readonly ScoringCase[]) => {
    const values = cases.map((c) => features.map((spec) => spec.value(c)));
    return { values, matrix: toFeatureMatrix(model.features, values) };
  };

  const curvesOf = (matrix: FeatureMatrix): SurvivalCurve[] => {
    const margins = intervalMargins(ensemble, matrix, intervalCount);
    return Array.from(
      { length: matrix.rowCount },
      (_, i) =>
        new SurvivalCurve(
          margins.subarray(i * intervalCount, (i + 1) * intervalCount),
          model.baselineSurvivalByDay,
        ),
    );
  };

  return {
    model,
    features,
    curves: (cases) => curvesOf(covariatesOf(cases).matrix),
    scoreMany(cases, options = {}) {
      const bands = options.bands ?? model.bands;
      const { values, matrix } = covariatesOf(cases);
      const curves = curvesOf(matrix);
      const elapsed = cases.map((c) =>
        Math.max(
          0,
          daysBetween(c.episode.startDate ?? '', options.asOfDate ?? c.episode.startDate ?? ''),
        ),
      );

      // Explain each case's current interval: one TreeSHAP row per case.
      const current = Int32Array.from(elapsed, (days) => intervalOf(days));
      const explanation = explainByPatterns(
        ensemble,
        intervalMatrix(
          matrix,
          Int32Array.from(cases, (_, i) => i),
          current,
        ),
      );
      const width = explanation.featureCount;

      return cases.map((scoringCase, i) => {
        const curve = curves[i]!;
        const days = elapsed[i]!;
        const phi = explanation.contributions.subarray(i * width, (i + 1) * width);

        // The interval itself is known, not a trait of the person: it joins the base value.
        const baseMargin = explanation.baseMargin + phi[intervalFeature]!;
        let total = 0;
        for (let f = 0; f < features.length; f++) total += phi[f]!;
        const probability = curve.headline(days);
        const baseValue = curve.headline(days, baseMargin);
        const scale =
          Math.abs(total) > 1e-12
            ? (probability - baseValue) / total
            : (curve.headline(days, baseMargin + 1e-6) - baseValue) / 1e-6;
        const contributions: Record<string, number> = {};
        features.forEach((spec, f) => {
          contributions[spec.name] = phi[f]! * scale;
        });

        const rowValues = values[i]!;
        const factors = topFactors(features, rowValues, contributions, options.topFactors);

        const band = bandOf(probability, bands);
        const median = curve.quantileDay(0.5, days);
        const low = curve.quantileDay(0.9, days);
        const high = curve.quantileDay(0.1, days);

        return {
          kind: 'indication',
          isDecision: false,
          notice: indicationNotice,
          caseId: scoringCase.caseId,
          modelVersion: model.modelVersion,
          context: model.context,
          asOfDate: options.asOfDate ?? scoringCase.episode.startDate ?? '',
          elapsedDays: days,
          horizons: horizonsWeeks.map((weeks) => ({
            weeks,
            probability: curve.conditional(weeks * daysPerWeek, days),
          })),
          headline: { weeks: intervalEndDay(current[i]!) / daysPerWeek, probability },
          probability,
          band,
          medianDays: median ?? null,
          interval80Days: [low ?? null, high ?? null],
          baseValue,
          contributions,
          factors,
          counterfactual: counterfactualOf(factors, probability, band, bands),
          missingFeatures: features.filter((_, f) => rowValues[f] === undefined).map((s) => s.name),
        };
      });
    },
  };
}

/**
 * The strongest factor that raises the indication, taken back to the average case: when that
 * alone would move the band down, it is worth a professional's attention.
 */
function counterfactualOf(
  factors: readonly Factor[],
  probability: number,
  band: Band,
  bands: Bands,
): Counterfactual | null {
  for (const factor of factors) {
    if (factor.direction !== 'raises') continue;
    const without = probability - factor.contribution;
    const otherBand = bandOf(without, bands);
    if (otherBand === band) continue;
    const percent = (without * 100).toFixed(1);
    return {
      feature: factor.feature,
      probability: without,
      band: otherBand,
      sentence: {
        en: `Without the effect of "${phraseOf(factor.sentence.en, 'en')}", the indication would be ${otherBand} (${percent}%).`,
        nl: `Zonder het effect van "${phraseOf(factor.sentence.nl, 'nl')}" zou de indicatie ${bandNl[otherBand]} zijn (${percent.replace('.', ',')}%).`,
      },
    };
  }
  return null;
}

const bandNl: Record<Band, string> = { low: 'laag', medium: 'middel', high: 'hoog' };
