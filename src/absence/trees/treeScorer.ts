import { explainMargins } from '../../engine/shap/treeShap.ts';
import type { TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { assertLawful, catalogues, featuresByName } from '../../features/catalogue.ts';
import type { FeatureSpec } from '../../features/featureSpec.ts';
import type { ScoringCase } from '../../features/scoringCase.ts';
import type { Indication } from '../indication.ts';
import type { Bands } from '../linearModel.ts';
import { marginIndication } from '../marginIndication.ts';
import { toFeatureMatrix } from '../treeEncoding.ts';
import type { TreeModel } from './treeModel.ts';

export interface TreeScorer {
  model: TreeModel;
  features: readonly FeatureSpec[];
  /** Scores cases in one batch: the trees and their explanations run over all at once. */
  scoreMany(
    cases: readonly ScoringCase[],
    options?: { bands?: Bands; topFactors?: number },
  ): Indication[];
}

/**
 * Prepares a tree model for scoring, refusing any feature that is not lawful in its context.
 * Explanations are exact TreeSHAP contributions to the margin, scaled by the Platt slope onto the
 * calibrated margin and then shared out on the probability scale in proportion, so that the base
 * value plus the contributions is the probability (the convention of the logistic model).
 */
export function treeScorer(model: TreeModel, ensemble: TreeEnsemble): TreeScorer {
  const features = featuresByName(
    catalogues[model.catalogue],
    model.features.map((f) => f.name),
  );
  assertLawful(features, model.context);
  const { slope, intercept } = model.calibration;

  return {
    model,
    features,
    scoreMany(cases, options = {}) {
      const values = cases.map((c) => features.map((spec) => spec.value(c)));
      const explanation = explainMargins(ensemble, toFeatureMatrix(model.features, values));
      const width = explanation.featureCount;
      const baseMargin = slope * explanation.baseMargin + intercept;

      return cases.map((scoringCase, i) => {
        const phi = explanation.contributions.subarray(i * width, (i + 1) * width);
        const marginContributions = new Float64Array(width);
        for (let f = 0; f < width; f++) marginContributions[f] = slope * phi[f]!;
        return marginIndication({
          caseId: scoringCase.caseId,
          model,
          features,
          values: values[i]!,
          baseMargin,
          marginContributions,
          options,
        });
      });
    },
  };
}
