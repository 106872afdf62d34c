export {
  backtestCaseload,
  caseloadTruth,
  type CaseloadBacktest,
  type CaseloadBacktestOptions,
  type CoverageScore,
  type InflowScore,
} from './backtestCaseload.ts';
export {
  caseloadGroups,
  groupingKeys,
  isEmployedOn,
  mergedGroupName,
  smallGroupPolicies,
  type CaseloadGroups,
  type GroupingKey,
  type SmallGroupPolicy,
} from './caseloadGroups.ts';
export { caseSnapshot, type CaseSnapshot, type OpenCase } from './caseSnapshot.ts';
export {
  dailySurvivalAt,
  drawDurationDays,
  durationSurvival,
  type DailySurvival,
  type ObservedEpisode,
} from './durationSurvival.ts';
export { episodesKnownOn } from './episodesKnownOn.ts';
export {
  forecastCaseload,
  totalGroupName,
  type CaseloadForecast,
  type CaseloadOptions,
  type GroupForecast,
  type OpenCaseDurations,
  type WeekForecast,
} from './forecastCaseload.ts';
export { inflowErrorSpread } from './inflowErrorSpread.ts';
export {
  inflowMethods,
  profileLevelInflow,
  profileShareInflow,
  seasonalNaiveInflow,
  type InflowForecast,
  type InflowInput,
  type InflowMethod,
} from './inflowMethods.ts';
export { drawFromCurve, perCaseDurations, type ConditionalCurve } from './perCaseDurations.ts';
export {
  addMilestones,
  measureNames,
  poortwachterMilestones,
  taskKinds,
  weekStartSickDay,
  type MeasureName,
  type TaskKind,
} from './poortwachterMilestones.ts';
export { quantileSummary, type QuantileSummary } from './quantileSummary.ts';
export { seasonalProfile, type SeasonalProfile } from './seasonalProfile.ts';
export { simulateCaseload, type DurationSampler } from './simulateCaseload.ts';
export { survivalModelDurations } from './survivalModelDurations.ts';
