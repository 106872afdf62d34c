export { auc } from './auc.ts';
export { brier } from './brier.ts';
export { logLoss } from './logLoss.ts';
