export { auc } from './auc.ts';
export { aucWithConfidence, type AucEstimate } from './aucWithConfidence.ts';
export { brier } from './brier.ts';
export { calibrationSlope, type CalibrationFit } from './calibrationSlope.ts';
export { concordanceIndex } from './concordanceIndex.ts';
export { integratedBrierScore, type BrierCurve } from './integratedBrierScore.ts';
export { logLoss } from './logLoss.ts';
export { thresholdTable, type ThresholdRow } from './thresholdTable.ts';
export { timeDependentAuc } from './timeDependentAuc.ts';
