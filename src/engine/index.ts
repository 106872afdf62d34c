export * from './metrics/index.ts';
export { fitPlatt, applyPlatt, sigmoid, type PlattScaling } from './calibration/platt.ts';
export { fitIsotonic, applyIsotonic, type IsotonicCalibration } from './calibration/isotonic.ts';
export { reliabilityTable, type ReliabilityBin } from './calibration/reliabilityTable.ts';
export {
  stratifiedFolds,
  repeatedStratifiedFolds,
  type Fold,
} from './validation/stratifiedFolds.ts';
export {
  featureMatrixFromColumns,
  featureMatrixFromRows,
  selectRows,
  type FeatureKind,
  type FeatureMatrix,
  type FeatureSpec,
} from './trees/featureMatrix.ts';
export { binFeatureMatrix, type BinnedMatrix, type BinningOptions } from './trees/binning.ts';
export {
  trainGradientBoosting,
  defaultGradientBoostingOptions,
  type GradientBoostingOptions,
  type GradientBoostingResult,
} from './trees/trainGradientBoosting.ts';
export { predictMargins, predictProbabilities, type TreeEnsemble } from './trees/treeEnsemble.ts';
export {
  serializeEnsemble,
  parseEnsemble,
  artefactFormat,
  artefactVersion,
  type NodeJson,
} from './trees/artefact.ts';
export {
  explainMargins,
  expectedBaseMargin,
  expectedValues,
  type ExplainOptions,
  type MarginExplanation,
} from './shap/treeShap.ts';
export { predictMarginsParallel, explainMarginsParallel } from './parallel/rowParallel.ts';
export {
  toProbabilityScale,
  type ProbabilityExplanation,
} from './shap/probabilityContributions.ts';
export { kaplanMeier, survivalAt, type KaplanMeierCurve } from './survival/kaplanMeier.ts';
export { expandPersonPeriod, type PersonPeriodTable } from './survival/expandPersonPeriod.ts';
export {
  trainDiscreteHazard,
  predictSurvivalCurves,
  type DiscreteHazardModel,
  type DiscreteHazardOptions,
} from './survival/discreteHazard.ts';
export { survivalAtWeeks, conditionalSurvival, curveOf } from './survival/survivalCurves.ts';
