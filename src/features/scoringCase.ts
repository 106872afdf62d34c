import type { Employee } from '../core/canonical/employee.ts';
import { isReportedBefore, type Episode } from '../core/canonical/episode.ts';

/**
 * One sick report to be scored: the employee, the episode, and the employee's other episodes.
 * `history` may hold anything the caller has; features read only what was reported strictly
 * before the episode (see `earlierSickness`), so later records can never leak in.
 */
export interface ScoringCase {
  caseId: string;
  employee: Employee;
  episode: Episode;
  history: readonly Episode[];
}

/** The sickness episodes of the same employee reported strictly before this case's report. */
export function earlierSickness(scoringCase: ScoringCase): readonly Episode[] {
  if (reading?.scoringCase === scoringCase) {
    reading.earlier ??= findEarlierSickness(scoringCase);
    return reading.earlier;
  }
  return findEarlierSickness(scoringCase);
}

function findEarlierSickness(scoringCase: ScoringCase): Episode[] {
  const { episode } = scoringCase;
  return scoringCase.history.filter(
    (other) =>
      other.kind === 'sickness' &&
      other.employeeId === episode.employeeId &&
      other.episodeId !== episode.episodeId &&
      isReportedBefore(other, episode),
  );
}

let reading: { scoringCase: ScoringCase; earlier: readonly Episode[] | undefined } | undefined;

/**
 * Runs `read` (the feature values of one case) with the case's earlier episodes found once:
 * seven history features each filtering the whole history cost a third of scoring a case. The
 * memo lives only while `read` runs, so a case changed afterwards is read afresh.
 */
export function readingCase<T>(scoringCase: ScoringCase, read: () => T): T {
  const outer = reading;
  reading = { scoringCase, earlier: undefined };
  try {
    return read();
  } finally {
    reading = outer;
  }
}

/** One case per sickness episode, each with every episode of its employee as history. */
export function casesFromRecords(
  employees: readonly Employee[],
  episodes: readonly Episode[],
): ScoringCase[] {
  const employeeById = new Map(employees.map((employee) => [employee.employeeId, employee]));
  const episodesByEmployee = new Map<string, Episode[]>();
  for (const episode of episodes) {
    const list = episodesByEmployee.get(episode.employeeId) ?? [];
    list.push(episode);
    episodesByEmployee.set(episode.employeeId, list);
  }

  return episodes
    .filter((episode) => episode.kind === 'sickness')
    .map((episode) => {
      const employee = employeeById.get(episode.employeeId) ?? { employeeId: episode.employeeId };
      return {
        caseId: episode.episodeId,
        employee,
        episode,
        history: episodesByEmployee.get(episode.employeeId) ?? [],
      };
    });
}
