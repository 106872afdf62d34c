import type { SurvivalModel } from '../absence/survival/survivalModel.ts';
import { survivalScorer } from '../absence/survival/survivalScorer.ts';
import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import type { TreeEnsemble } from '../engine/trees/treeEnsemble.ts';
import { casesFromRecords } from '../features/scoringCase.ts';
import { episodesKnownOn } from './episodesKnownOn.ts';
import type { OpenCaseDurations } from './forecastCaseload.ts';
import { perCaseDurations, type ConditionalCurve } from './perCaseDurations.ts';

/**
 * Open-case durations from the AbsencePredictor's survival model: each case open on `asOf` is
 * scored on the records as known that day (so its features cannot see later reports or its own
 * end date) and its curve is conditioned on the days already absent.
 */
export function survivalModelDurations(
  model: SurvivalModel,
  ensemble: TreeEnsemble,
  employees: readonly Employee[],
  episodes: readonly Episode[],
  asOf: string,
): OpenCaseDurations {
  const known = episodesKnownOn(episodes, asOf);
  const open = casesFromRecords(employees, known).filter(
    (c) => c.episode.startDate !== undefined && c.episode.endDate == null,
  );
  const curves = survivalScorer(model, ensemble).curves(open);
  const byEpisodeId = new Map<string, ConditionalCurve>(
    open.map((c, i) => [c.episode.episodeId, curves[i]!]),
  );
  return perCaseDurations(
    byEpisodeId,
    `per-case survival curves of model ${model.modelVersion} (${model.context})`,
  );
}
