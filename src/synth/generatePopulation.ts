import { createRandom, type Random } from '../core/random.ts';
import { sectorNames, sectorProfiles, type SectorName } from './calibration.ts';
import { generateEmployee } from './generateEmployee.ts';
import { createSynthWindow } from './synthWindow.ts';
import type { GeneratedEmployee, SynthTeam } from './synthTypes.ts';

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

/** A case manager runs the cases of about this many teams of one sector. */
const teamsPerCaseManager = 20;
const smallestTeamSize = 5;
const largestTeamSize = 30;

/**
 * The synthetic workforce, team by team. A generator, so that a caller can write each team and let
 * it go: a million employees never sit in memory at once. The same options give the same teams,
 * employees and episodes, draw for draw.
 */
export function* generatePopulation(options: PopulationOptions): Generator<GeneratedTeam> {
  const window = createSynthWindow(options.startYear, options.years);
  const random = createRandom(options.seed);
  const employeeDigits = Math.max(6, String(options.employeeCount).length);
  const teamsInSector = new Map<SectorName, number>();

  let employeeIndex = 0;
  for (let teamIndex = 1; employeeIndex < options.employeeCount; teamIndex++) {
    const sector = drawSector(random);
    const sectorTeamCount = (teamsInSector.get(sector) ?? 0) + 1;
    teamsInSector.set(sector, sectorTeamCount);
    const team: SynthTeam = {
      team: `T${String(teamIndex).padStart(employeeDigits - 1, '0')}`,
      sector,
      caseManagerId: `CM-${sector}-${Math.ceil(sectorTeamCount / teamsPerCaseManager)}`,
    };

    const size = Math.min(
      smallestTeamSize + random.int(largestTeamSize - smallestTeamSize + 1),
      options.employeeCount - employeeIndex,
    );
    const members: GeneratedEmployee[] = [];
    for (let i = 0; i < size; i++) {
      employeeIndex++;
      const employeeId = `E${String(employeeIndex).padStart(employeeDigits, '0')}`;
      members.push(generateEmployee(employeeId, team, window, random));
    }
    yield { team, members };
  }
}

function drawSector(random: Random): SectorName {
  let u = random.next();
  for (const sector of sectorNames) {
    const share = sectorProfiles[sector].employeeShare;
    if (u < share) return sector;
    u -= share;
  }
  return 'care';
}
