export { loadAugursMstl } from './augursMstl.ts';
export { autoEts, forecastFromFit, selectEts } from './autoEts.ts';
export {
  originLengths,
  runBacktest,
  type BacktestOptions,
  type BacktestResult,
} from './backtest.ts';
export { classicalDecomposition, type ClassicalDecomposition } from './classicalDecomposition.ts';
export { combineMethods, meanForecast } from './combination.ts';
export { etsSpecName, type EtsSpec, type EtsTrend } from './etsModel.ts';
export { fitEts, type EtsFit } from './fitEts.ts';
export {
  forecastWithMemo,
  normalForecast,
  type Forecast,
  type ForecastInput,
  type ForecastMethod,
} from './forecast.ts';
export { ScoreAccumulator, type ForecastScore } from './forecastScore.ts';
export { absoluteScaledErrors, seasonalNaiveScale } from './meanAbsoluteScaledError.ts';
export {
  adjustedDamped,
  adjustedSes,
  builtInMethods,
  combination,
  methodsByName,
} from './methods.ts';
export { nelderMead } from './nelderMead.ts';
export {
  backtestPanelSelection,
  empiricalQuantile,
  forecastPanelSelection,
  type PanelChoice,
  type PanelSelectionOptions,
} from './panelSelection.ts';
export { bestMembers, poolHistory, type PoolHistory, type PoolOptions } from './poolHistory.ts';
export { smoothingPool } from './smoothingPool.ts';
export { seasonalNaive } from './seasonalNaive.ts';
export { seasonallyAdjusted } from './seasonallyAdjusted.ts';
export {
  formatPeriod,
  periodAt,
  periodOffset,
  seriesFrom,
  type SeasonalPeriod,
  type SeasonalSeries,
} from './series.ts';
export { smoothedLevelForecast } from './smoothedLevel.ts';
export { theta, thetaForecast } from './theta.ts';
export {
  backtestWithSelection,
  selectionMinTrainingPeriods,
  selectedMethodName,
  selectionTopCount,
  type BacktestReport,
} from './backtestWithSelection.ts';
