import { sigmoid } from '../engine/calibration/platt.ts';
import { AppError } from '../core/errors.ts';
import { assertLawful, catalogues, featuresByName } from '../features/catalogue.ts';
import { rowEncoder } from '../features/encoding.ts';
import type { FeatureSpec } from '../features/featureSpec.ts';
import { readingCase, type ScoringCase } from '../features/scoringCase.ts';
import { bandOf, indicationNotice, type Indication } from './indication.ts';
import type { Bands, LinearModel } from './linearModel.ts';
import { topFactors } from './topFactors.ts';

export interface LinearScorer {
  model: LinearModel;
  features: readonly FeatureSpec[];
  score(scoringCase: ScoringCase, options?: { bands?: Bands; topFactors?: number }): Indication;
}

/**
 * Prepares a model for scoring: looks its features up in the catalogue and refuses any that is
 * not lawful in the model's context, so a tampered or foreign artefact cannot widen what it reads.
 */
export function linearScorer(model: LinearModel): LinearScorer {
  const features = featuresByName(catalogues[model.catalogue], model.features);
  assertLawful(features, model.context);
  const featureIndex = new Map(features.map((spec, j) => [spec.name, j]));
  const columnFeature = model.encoding.columns.map((column) => featureIndex.get(column.feature));
  if (columnFeature.some((j) => j === undefined)) {
    throw new AppError('INVALID_MODEL', 'The model encodes a feature it does not list.');
  }

  const { slope, intercept: shift } = model.calibration;
  const baseMargin = slope * model.intercept + shift;
  const baseValue = sigmoid(baseMargin);
  const encode = rowEncoder(model.encoding, features);
  const { coefficients } = model;

  return {
    model,
    features,
    score(scoringCase, options = {}) {
      const values = readingCase(scoringCase, () =>
        features.map((spec) => spec.value(scoringCase)),
      );
      const row = encode(values);

      // Contributions on the calibrated margin, summed per feature over its columns.
      const marginContributions = new Float64Array(features.length);
      for (let c = 0; c < row.length; c++) {
        marginContributions[columnFeature[c]!]! += slope * coefficients[c]! * row[c]!;
      }
      let marginShift = 0;
      for (const value of marginContributions) marginShift += value;
      const probability = sigmoid(baseMargin + marginShift);

      // On the probability scale each feature gets its share of the margin's move, so the
      // shares add up exactly to probability - baseValue; near zero, the slope of the sigmoid.
      const toProbability =
        Math.abs(marginShift) > 1e-12
          ? (probability - baseValue) / marginShift
          : baseValue * (1 - baseValue);
      const contributions: Record<string, number> = {};
      features.forEach((spec, j) => {
        contributions[spec.name] = marginContributions[j]! * toProbability;
      });

      const factors = topFactors(features, values, contributions, options.topFactors);

      return {
        kind: 'indication',
        isDecision: false,
        notice: indicationNotice,
        caseId: scoringCase.caseId,
        modelVersion: model.modelVersion,
        context: model.context,
        probability,
        band: bandOf(probability, options.bands ?? model.bands),
        baseValue,
        contributions,
        factors,
        missingFeatures: features.filter((_, j) => values[j] === undefined).map((s) => s.name),
      };
    },
  };
}
