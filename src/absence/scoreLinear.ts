import { AppError } from '../core/errors.ts';
import { assertLawful, catalogues, featuresByName } from '../features/catalogue.ts';
import { rowEncoder } from '../features/encoding.ts';
import type { FeatureSpec } from '../features/featureSpec.ts';
import { readingCase, type ScoringCase } from '../features/scoringCase.ts';
import type { Indication } from './indication.ts';
import type { Bands, LinearModel } from './linearModel.ts';
import { marginIndication } from './marginIndication.ts';

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
      return marginIndication({
        caseId: scoringCase.caseId,
        model,
        features,
        values,
        baseMargin,
        marginContributions,
        options,
      });
    },
  };
}
