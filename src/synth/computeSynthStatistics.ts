import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import { createSynthStatistics, type StatisticsPeriod } from './synthStatistics.ts';
import type { EpisodeTruth } from './synthTypes.ts';
import type { SynthStatistic } from './synthTargets.ts';

/** The calibration statistics of records already in memory, for example read back from files. */
export function computeSynthStatistics(
  period: StatisticsPeriod,
  records: {
    employees: Iterable<Employee>;
    episodes: Iterable<Episode>;
    truths: Iterable<EpisodeTruth>;
  },
): SynthStatistic[] {
  const episodesOf = groupBy(records.episodes, (episode) => episode.employeeId);
  const truthsOf = groupBy(records.truths, (truth) => truth.employeeId);
  const statistics = createSynthStatistics(period);
  for (const employee of records.employees) {
    statistics.add(
      employee,
      episodesOf.get(employee.employeeId) ?? [],
      truthsOf.get(employee.employeeId) ?? [],
    );
  }
  return statistics.result();
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
