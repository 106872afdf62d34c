import { createRandom } from '../core/random.ts';
import { generateEmployee } from './generateEmployee.ts';
import type { SynthWindow } from './synthWindow.ts';
import { createSynthWindow } from './synthWindow.ts';
import type { GeneratedEmployee, SynthTeam } from './synthTypes.ts';
import {
  employeeIdOf,
  employeeNumberDigits,
  planTeams,
  teamStreamSeed,
  type PlannedTeam,
} from './teamPlan.ts';

export interface PopulationOptions {
  employeeCount: number;
  years: number;
  seed: number;
  startYear: number;
}

/** One team as generated: its row for teams.csv and its members with their episodes. */
export interface GeneratedTeam {
  team: SynthTeam;
  members: GeneratedEmployee[];
}

/**
 * The synthetic workforce, team by team, on this thread. A generator, so that a caller can write
 * each team and let it go: a million employees never sit in memory at once. The same options give
 * the same teams, employees and episodes, draw for draw, as `writeSynthPopulation` on any number
 * of worker threads.
 */
export function* generatePopulation(options: PopulationOptions): Generator<GeneratedTeam> {
  const window = createSynthWindow(options.startYear, options.years);
  const digits = employeeNumberDigits(options.employeeCount);
  for (const planned of planTeams(options.employeeCount, options.seed)) {
    yield {
      team: planned.team,
      members: generateTeamMembers(planned, { window, seed: options.seed, digits }),
    };
  }
}

/** The members of one planned team, from the team's own stream. */
export function generateTeamMembers(
  planned: PlannedTeam,
  run: { window: SynthWindow; seed: number; digits: number },
): GeneratedEmployee[] {
  const random = createRandom(teamStreamSeed(run.seed, planned.teamIndex, 'members'));
  const members: GeneratedEmployee[] = [];
  for (let i = 0; i < planned.size; i++) {
    const employeeId = employeeIdOf(planned.firstEmployeeNumber + i, run.digits);
    members.push(generateEmployee(employeeId, planned.team, run.window, random));
  }
  return members;
}
