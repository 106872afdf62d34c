import { sigmoid } from '../engine/calibration/platt.ts';
import type { FeatureSpec, FeatureValue } from '../features/featureSpec.ts';
import type { Context } from '../features/contexts.ts';
import { bandOf, indicationNotice, type Indication } from './indication.ts';
import type { Bands } from './linearModel.ts';
import { topFactors } from './topFactors.ts';

export interface MarginIndicationInput {
  caseId: string;
  model: { modelVersion: string; context: Context; bands: Bands };
  features: readonly FeatureSpec[];
  /** The values read, one per feature (undefined when the case did not have it). */
  values: readonly FeatureValue[];
  /** The calibrated margin of the average case. */
  baseMargin: number;
  /** Per feature, its move of the calibrated margin. */
  marginContributions: ArrayLike<number>;
  options: { bands?: Bands; topFactors?: number };
}

/**
 * An indication from contributions on the calibrated margin, for models whose margin is a sum
 * (logistic regression, trees): each feature gets its share of the margin's move on the
 * probability scale, so the shares add up exactly to probability - baseValue; near a zero move,
 * the sigmoid's slope.
 */
export function marginIndication(input: MarginIndicationInput): Indication {
  const { model, features, values, baseMargin, marginContributions, options } = input;
  const baseValue = sigmoid(baseMargin);
  let marginShift = 0;
  for (let j = 0; j < features.length; j++) marginShift += marginContributions[j]!;
  const probability = sigmoid(baseMargin + marginShift);
  const toProbability =
    Math.abs(marginShift) > 1e-12
      ? (probability - baseValue) / marginShift
      : baseValue * (1 - baseValue);
  const contributions: Record<string, number> = {};
  features.forEach((spec, j) => {
    contributions[spec.name] = marginContributions[j]! * toProbability;
  });
  return {
    kind: 'indication',
    isDecision: false,
    notice: indicationNotice,
    caseId: input.caseId,
    modelVersion: model.modelVersion,
    context: model.context,
    probability,
    band: bandOf(probability, options.bands ?? model.bands),
    baseValue,
    contributions,
    factors: topFactors(features, values, contributions, options.topFactors),
    missingFeatures: features.filter((_, j) => values[j] === undefined).map((s) => s.name),
  };
}
